import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The server loads botbuilder-dialogs' dialog classes only (dialogs/dialogs-lib.ts),
 * never its index, which pulls in every prompt and the Recognizers-Text models
 * (about 35 MB of resident memory). Checked in a fresh process over the whole
 * application module graph, as `npm start` loads it.
 */
describe('dialogs-lib', () => {
  it('the application loads no Recognizers-Text model', async function () {
    this.timeout(60_000);
    const script = [
      "import { createRequire } from 'node:module';",
      "await import('./bot/main.ts');",
      'const cache = Object.keys(createRequire(import.meta.url).cache);',
      "const dialogs = cache.filter((f) => f.includes('/botbuilder-dialogs/')).length;",
      "const recognizers = cache.filter((f) => f.includes('recognizers-text'));",
      'console.log(JSON.stringify({ dialogs, recognizers }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    const loaded = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      dialogs: number;
      recognizers: string[];
    };
    assert.ok(loaded.dialogs > 0, 'botbuilder-dialogs is loaded at all (the check sees CommonJS modules)');
    assert.deepEqual(loaded.recognizers, []);
  });
});
