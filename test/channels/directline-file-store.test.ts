import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../bot/clock.js';
import type { Logger } from '../../bot/logger.js';
import {
  type FileDirectLineStore,
  type FileDirectLineStoreOptions,
  openFileDirectLineStore,
} from '../../channels/directline/directline-file-store.js';
import type { ActivityPage } from '../../channels/directline/index.js';
import { runScript } from '../helpers/run-script.js';
import { describeDirectLineStoreContract, message, START } from './directline-store-contract.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeDirectLineStoreContract('JSON-lines file', async ({ clock, maxActivities, idleMs }) => {
  const dir = await mkdtemp(join(tmpdir(), 'directline-'));
  return {
    store: await openFileDirectLineStore({
      file: join(dir, 'data', 'directline.jsonl'),
      clock,
      maxActivities,
      idleMs,
    }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const textsOf = (page: ActivityPage | undefined) => page?.activities.map((a) => a.text) ?? [];

describe('JSON-lines file DirectLineStore', () => {
  let dir: string;
  let file: string;
  let now: number;
  const clock: Clock = () => new Date(now);
  const open_: FileDirectLineStore[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'directline-'));
    file = join(dir, 'directline.jsonl');
    now = START;
  });
  afterEach(async () => {
    for (const store of open_.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (options: Partial<FileDirectLineStoreOptions> = {}) => {
    const store = await openFileDirectLineStore({ file, clock, ...options });
    open_.push(store);
    return store;
  };
  /** Closes the store and opens another on the same file: a restart of the process. */
  const restart = async (store: FileDirectLineStore, options: Partial<FileDirectLineStoreOptions> = {}) => {
    await store.close();
    return open(options);
  };
  const records = async () =>
    (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { op: string; c: string; n?: number });

  it('keeps conversations, their activities, numbers and photo counts across a restart', async () => {
    let store = await open();
    await store.open('conv-a', 'w_alice', false);
    await store.open('conv-staff', 'w_staff', true);
    const ids = [
      await store.append('conv-a', message('pothole on Spruce')),
      await store.append('conv-a', message('Where is it?', 'bot')),
      await store.append('conv-a', message('by the school')),
    ];
    assert.equal(await store.addUploads('conv-a', 2, 3), true);
    const before = await store.after('conv-a', undefined);
    now += 10 * MINUTE;

    store = await restart(store);
    const conversation = await store.get('conv-a');
    assert.deepEqual(
      [conversation?.userId, conversation?.staff, conversation?.createdAt.toISOString()],
      ['w_alice', false, new Date(START).toISOString()],
    );
    assert.equal((await store.get('conv-staff'))?.staff, true);
    const after = await store.after('conv-a', undefined);
    assert.deepEqual(
      JSON.parse(JSON.stringify(after)),
      JSON.parse(JSON.stringify(before)),
      'the same activities',
    );
    assert.deepEqual(
      after?.activities.map((a) => a.id),
      ids,
    );
    assert.deepEqual(
      textsOf(await store.after('conv-a', '2')),
      ['by the school'],
      'a watermark resumes where it was',
    );
    assert.equal(await store.append('conv-a', message('thanks')), 'conv-a|0000003', 'numbers go on');
    assert.equal(await store.addUploads('conv-a', 2, 3), false, 'the photos counted before still count');
    assert.equal(await store.addUploads('conv-a', 1, 3), true);
    assert.equal((await store.open('conv-a', 'w_mallory', true)).created, false);
  });

  it('keeps the newest activities only and their numbers when more were appended than are kept', async () => {
    let store = await open({ maxActivities: 4 });
    await store.open('conv-a', 'w_alice', false);
    for (let n = 1; n <= 7; n++) await store.append('conv-a', message(`message ${n}`));
    store = await restart(store, { maxActivities: 4 });
    const kept = await store.after('conv-a', undefined);
    assert.deepEqual(textsOf(kept), ['message 4', 'message 5', 'message 6', 'message 7']);
    assert.equal(kept?.watermark, '7');
    assert.equal(kept?.activities[0]?.id, 'conv-a|0000003');
    assert.deepEqual(textsOf(await store.after('conv-a', '5')), ['message 6', 'message 7']);
    assert.equal(await store.append('conv-a', message('message 8')), 'conv-a|0000007');
    // Fewer kept after a restart with a smaller bound: still the newest, numbered as before.
    store = await restart(store, { maxActivities: 2 });
    const fewer = await store.after('conv-a', undefined);
    assert.deepEqual(textsOf(fewer), ['message 7', 'message 8']);
    assert.deepEqual(
      fewer?.activities.map((a) => a.id),
      ['conv-a|0000006', 'conv-a|0000007'],
    );
  });

  it('drops conversations idle too long by the time it opens; a read counts as use', async () => {
    let store = await open({ idleMs: 2 * HOUR });
    for (const id of ['conv-read', 'conv-untouched', 'conv-written']) {
      await store.open(id, 'w_resident', false);
      await store.append(id, message('hello'));
    }
    now += 90 * MINUTE;
    await store.get('conv-read');
    await store.append('conv-written', message('still here'));
    now += 45 * MINUTE;
    store = await restart(store, { idleMs: 2 * HOUR });
    assert.equal(await store.get('conv-untouched'), undefined, 'idle 2 h 15 min: gone');
    assert.deepEqual(textsOf(await store.after('conv-read', undefined)), ['hello']);
    assert.deepEqual(textsOf(await store.after('conv-written', undefined)), ['hello', 'still here']);
    assert.deepEqual(
      [...new Set((await records()).map((r) => r.c))].sort(),
      ['conv-read', 'conv-written'],
      'the journal forgets the idle one',
    );
    const reopened = await store.open('conv-untouched', 'w_other', false);
    assert.equal(reopened.created, true, 'its id starts afresh');
  });

  it('keeps a conversation used for longer than the idle time, and the time it was created', async () => {
    let store = await open({ idleMs: HOUR });
    await store.open('conv-long', 'w_alice', false);
    for (let i = 0; i < 5; i++) {
      now += 50 * MINUTE;
      await store.append('conv-long', message(`message ${i}`));
    }
    store = await restart(store, { idleMs: HOUR });
    assert.equal((await store.get('conv-long'))?.createdAt.getTime(), START);
    assert.equal((await store.after('conv-long', undefined))?.activities.length, 5);
  });

  it('ignores a torn last line left by a crash mid-write, and writes whole lines after it', async () => {
    let store = await open();
    await store.open('conv-a', 'w_alice', false);
    await store.append('conv-a', message('first'));
    await store.close();
    const torn = JSON.stringify({
      op: 'add',
      c: 'conv-a',
      n: 1,
      t: new Date(now).toISOString(),
      a: message('torn'),
    });
    await appendFile(file, torn.slice(0, 60));
    const infos: string[] = [];
    const logger: Logger = {
      debug() {},
      info: (m, f) => infos.push(m + JSON.stringify(f ?? {})),
      warn() {},
      error() {},
    };
    store = await open({ logger });
    assert.deepEqual(
      textsOf(await store.after('conv-a', undefined)),
      ['first'],
      'the torn one was never acknowledged',
    );
    assert.equal(await store.append('conv-a', message('second')), 'conv-a|0000001');
    store = await restart(store);
    assert.deepEqual(textsOf(await store.after('conv-a', undefined)), ['first', 'second']);
    assert.ok(
      infos.some((m) => m.includes('torn last line')),
      infos.join('\n'),
    );
    assert.doesNotMatch(infos.join('\n'), /first|torn"|w_alice/, 'no message text nor user id in the log');
  });

  it('compacts on open and while running once the journal has grown, and loses nothing', async () => {
    let store = await open({ maxActivities: 10, compactAfterBytes: 20_000 });
    await store.open('conv-a', 'w_alice', false);
    for (let i = 0; i < 300; i++) await store.append('conv-a', message(`message ${i} ${'x'.repeat(100)}`));
    const stats = store.stats();
    assert.ok(stats.compactions >= 3, `compactions: ${stats.compactions}`);
    assert.ok(stats.bytes < 45_000, `the journal stays small: ${stats.bytes} bytes`);
    store = await restart(store, { maxActivities: 10, compactAfterBytes: 20_000 });
    const lines = await records();
    assert.deepEqual(
      lines.map((r) => r.op),
      ['open', ...Array(10).fill('add')],
      'on open: one line per conversation and kept activity',
    );
    const kept = await store.after('conv-a', undefined);
    assert.equal(kept?.watermark, '300');
    assert.equal(kept?.activities[0]?.text?.startsWith('message 290 '), true);
    const size = (await stat(file)).size;
    assert.ok(size < 5_000, `${size} bytes for 10 activities of about 300`);
  });

  it('keeps the most recently used conversations within the count bound after a restart', async () => {
    let store = await open({ maxConversations: 2 });
    for (const id of ['conv-1', 'conv-2', 'conv-3']) {
      now += MINUTE;
      await store.open(id, 'w_resident', false);
      await store.append(id, message(`in ${id}`));
    }
    assert.equal(await store.get('conv-1'), undefined, 'evicted while running');
    now += MINUTE;
    await store.append('conv-2', message('again'));
    store = await restart(store, { maxConversations: 2 });
    assert.equal(store.stats().conversations, 2);
    now += MINUTE;
    assert.ok(await store.get('conv-2'));
    now += MINUTE;
    assert.ok(await store.get('conv-3'));
    // A smaller bound on the next start: the least recently used (read last) goes.
    store = await restart(store, { maxConversations: 1 });
    assert.equal(await store.get('conv-2'), undefined);
    assert.deepEqual(textsOf(await store.after('conv-3', undefined)), ['in conv-3']);
  });

  it('keeps the byte bound after a restart: the least recently used conversations go first', async () => {
    const big = 'y'.repeat(2_000);
    let store = await open({ maxBytes: 1_000_000 });
    for (const id of ['conv-1', 'conv-2', 'conv-3']) {
      now += MINUTE;
      await store.open(id, 'w_resident', false);
      await store.append(id, message(`${id} ${big}`));
    }
    store = await restart(store, { maxBytes: 5_000 });
    assert.equal(await store.get('conv-1'), undefined);
    assert.ok(await store.get('conv-2'));
    assert.ok(await store.get('conv-3'));
  });

  it('group-commits: appends at once share one flush, and none resolves before all are in the file', async () => {
    const store = await open();
    await store.open('conv-a', 'w_alice', false);
    const commitsBefore = store.stats().commits;
    let linesAtFirstResolve: number | undefined;
    const ids = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.append('conv-a', message(`m${i}`)).then((id) => {
          linesAtFirstResolve ??= readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
          return id;
        }),
      ),
    );
    assert.equal(new Set(ids).size, 100);
    assert.equal(store.stats().commits - commitsBefore, 1);
    assert.equal(linesAtFirstResolve, 1 + 100, 'the open and every append');
  });

  it('keeps what was appended just before the process was killed (SIGKILL)', async () => {
    const script = `
      const { openFileDirectLineStore } = await import(process.env.STORE_MODULE);
      const store = await openFileDirectLineStore({ file: process.env.STORE_FILE });
      await store.open('conv-killed', 'w_alice', false);
      await store.append('conv-killed', { type: 'message', text: 'water main break on Pine' });
      await store.append('conv-killed', { type: 'message', text: 'Thanks, which block?' });
      process.kill(process.pid, 'SIGKILL');
    `;
    const { signal, stderr } = await runScript(script, {
      STORE_MODULE: join(ROOT, 'channels/directline/directline-file-store.ts'),
      STORE_FILE: file,
    });
    assert.equal(signal, 'SIGKILL', stderr);
    now = Date.now();
    const store = await open();
    const page = await store.after('conv-killed', '1');
    assert.deepEqual(textsOf(page), ['Thanks, which block?']);
    assert.equal(page?.watermark, '2');
  });

  it('refuses writes after close', async () => {
    const store = await openFileDirectLineStore({ file, clock });
    await store.open('conv-a', 'w_alice', false);
    await store.close();
    await assert.rejects(store.open('conv-b', 'w_bob', false));
  });
});
