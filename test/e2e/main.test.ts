import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toKbJson } from '../../bot/kb-json.js';
import { main } from '../../bot/main.js';
import { loadArticles } from '../../knowledge/index.js';
import { spawnMain } from '../helpers/spawn-main.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** `npm start` as a resident's operator runs it: a real process, real port, real files. */
const start = spawnMain;

/** `npm run --silent kb:export`'s stdout. */
function kbExport(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'kb:export'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`kb:export exited ${code}`))));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', resolve));

describe('npm start (bot/main.ts)', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'main-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('serves /healthz, /api/kb and /api/messages, lists its channels, and saves state on SIGTERM', async () => {
    const { child, lines, url } = start({ PORT: '0', DATA_DIR: dataDir });
    try {
      const base = await url;
      assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok' });
      const kb = await (await fetch(`${base}/api/kb`)).text();
      assert.deepEqual(JSON.parse(kb), toKbJson(await loadArticles()));
      assert.equal(kb, await kbExport(), 'GET /api/kb and npm run kb:export print the same JSON');
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          deliveryMode: 'expectReplies',
          text: 'how do I get a free smoke alarm',
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9',
          from: { id: 'resident' },
          recipient: { id: 'bot' },
          conversation: { id: 'c-main' },
        }),
      });
      const body = (await res.json()) as { activities: { text: string }[] };
      assert.match(body.activities[0]?.text ?? '', /Want me to report it\?/);
      assert.ok(lines.some((l) => /channel bot-framework: on/.test(l)));
      assert.ok(lines.some((l) => /channel sms: off/.test(l)));
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited(child), 0);
    const state = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as { items: object };
    const keys = Object.keys(state.items);
    assert.ok(
      keys.some((k) => k.startsWith('emulator/conversations/c-main')),
      `the offer is saved for the next message (keys: ${keys.join(', ')})`,
    );
  });

  it('refuses to start on a bad article, naming the file', async () => {
    const articles = await mkdtemp(join(tmpdir(), 'articles-'));
    await writeFile(join(articles, 'broken.md'), '---\nid: broken\ntitle: [unclosed\n---\nText.\n');
    const log: string[] = [];
    try {
      const code = await main(
        { PORT: '0', DATA_DIR: dataDir },
        { articlesDir: articles, log: (l) => log.push(l) },
      );
      assert.equal(code, 1);
      assert.match(log.join('\n'), /Cannot start: .*broken\.md/);
    } finally {
      await rm(articles, { recursive: true, force: true });
    }
  });

  it('refuses a bad catalog, naming the file', async () => {
    const catalog = join(dataDir, 'catalog.yaml');
    await writeFile(catalog, 'services: [');
    const log: string[] = [];
    const code = await main(
      { PORT: '0', DATA_DIR: dataDir },
      { catalogFile: catalog, log: (l) => log.push(l) },
    );
    assert.equal(code, 1);
    assert.match(log.join('\n'), /catalog\.yaml/);
  });

  it('refuses bad configuration naming the variable', async () => {
    const log: string[] = [];
    assert.equal(await main({ PORT: 'eighty' }, { log: (l) => log.push(l) }), 2);
    assert.match(log.join('\n'), /PORT/);
  });

  it('stops cleanly when asked, in process', async () => {
    let stop: () => void = () => {};
    const stopped = new Promise<void>((r) => {
      stop = r;
    });
    const run = main(
      { PORT: '0', DATA_DIR: dataDir },
      { log: () => {}, stop: stopped, onListening: () => stop() },
    );
    assert.equal(await run, 0);
  });
});
