import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultGeocoderFile, fileGeocoder, loadAddressFile } from '../../requests/geocoder/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

/** The built server (`node dist/bot/main.js`, as `npm start` runs it) in `dir`; resolves its URL. */
function startBuilt(
  dir: string,
  dataDir: string,
): { child: ChildProcess; url: Promise<string>; log: string[] } {
  const child = spawn(process.execPath, ['bot/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        log.push(line);
        const parsed = /^\{/.test(line) ? (JSON.parse(line) as { msg?: string; url?: string }) : {};
        if (parsed.msg === 'listening' && parsed.url) resolve(parsed.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening:\n${log.join('\n')}`)));
  });
  url.catch(() => {});
  return { child, url, log };
}

describe('npm run build: the built copy stands alone (scripts/copy-assets.mjs)', function () {
  this.timeout(90_000);
  let out: string;
  let dataDir: string;

  before(async () => {
    // Built outside the checkout, so nothing can be found by climbing back into it.
    out = await mkdtemp(join(tmpdir(), 'built-'));
    dataDir = await mkdtemp(join(tmpdir(), 'built-data-'));
    await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', out], {
      cwd: ROOT,
    });
    await run(process.execPath, ['scripts/copy-assets.mjs', out], { cwd: ROOT });
    // What dist/ has from the checkout it sits in: ESM, and the installed packages.
    await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
    await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  });
  after(async () => {
    await rm(out, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('copies the geocoder samples beside the compiled code', () => {
    assert.ok(existsSync(join(out, 'knowledge/geocoder-sample.csv')));
    assert.ok(existsSync(join(out, 'knowledge/collection-areas-sample.geojson')));
  });

  it('answers "when is trash day for 1234 Spruce St" from the built sample (GEOCODER=file by default)', async () => {
    const [place] =
      (await fileGeocoder(await loadAddressFile(defaultGeocoderFile())).search('1234 Spruce St')) ?? [];
    assert.ok(place?.trashDay, 'the sample knows the day of 1234 Spruce St');
    const day = place.trashDay.charAt(0).toUpperCase() + place.trashDay.slice(1);
    const { child, url, log } = startBuilt(out, dataDir);
    try {
      const base = await url;
      assert.ok(
        log.some((l) => /"msg":"geocoder"/.test(l) && /"geocoder":"file"/.test(l)),
        'the start-up log names the file geocoder',
      );
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          deliveryMode: 'expectReplies',
          text: 'when is trash day for 1234 Spruce St',
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9',
          from: { id: 'resident' },
          recipient: { id: 'bot' },
          conversation: { id: 'c-built' },
        }),
      });
      const body = (await res.json()) as { activities: { text?: string }[] };
      const reply = body.activities.map((a) => a.text ?? '').join('\n');
      assert.match(reply, new RegExp(`trash and recycling day\\b[^.]* is ${day}\\.`));
    } finally {
      child.kill('SIGTERM');
    }
  });
});
