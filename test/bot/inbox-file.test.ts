import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../bot/clock.js';
import { type FileInboxOptions, openFileInbox, readInboxJournal } from '../../bot/inbox-file.js';
import type { Logger } from '../../bot/logger.js';
import { runScript } from '../helpers/run-script.js';
import { describeInboxContract, START, smsPayload } from './inbox-contract.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeInboxContract('JSON-lines file', async ({ clock }) => {
  const dir = await mkdtemp(join(tmpdir(), 'inbox-'));
  const file = join(dir, 'data', 'inbox.jsonl');
  return {
    inbox: await openFileInbox({ file, clock }),
    open: () => openFileInbox({ file, clock }),
    sharedStorage: false,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('JSON-lines file inbox', () => {
  let dir: string;
  let file: string;
  let now: number;
  const clock: Clock = () => new Date(now);
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inbox-'));
    file = join(dir, 'inbox.jsonl');
    now = START;
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (options: Partial<FileInboxOptions> = {}) => {
    const inbox = await openFileInbox({ file, clock, ...options });
    closers.push(() => inbox.close());
    return inbox;
  };
  const journal = async () =>
    (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { op: string; id: string });
  const sms = (id: string, text = 'missed trash pickup') => ({
    channel: 'sms',
    id,
    payload: smsPayload(text),
  });

  it('ignores a torn last line left by a crash mid-write, and writes whole lines after it', async () => {
    const accepted = (id: string) =>
      JSON.stringify({
        op: 'accept',
        channel: 'sms',
        id,
        receivedAt: new Date(START).toISOString(),
        payload: smsPayload('pothole'),
      });
    await writeFile(file, `${accepted('SM1')}\n${accepted('SM2')}\n${accepted('SM3').slice(0, 40)}`);
    const inbox = await open();
    assert.equal(await inbox.accept(sms('SM1'), 0), 'duplicate');
    assert.equal(await inbox.accept(sms('SM2'), 0), 'duplicate');
    assert.equal(await inbox.accept(sms('SM3'), 0), 'new', 'the torn record was never acknowledged');
    await inbox.close();
    const reopened = await open();
    assert.deepEqual(
      (await reopened.claimPending(10, MINUTE)).map((m) => m.id),
      ['SM1', 'SM2', 'SM3'],
    );
  });

  it('skips an unreadable line in the middle with a warning that names no message', async () => {
    const warnings: string[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (m, f) => warnings.push(m + JSON.stringify(f)),
      error() {},
    };
    const line = (id: string) =>
      JSON.stringify({
        op: 'accept',
        channel: 'sms',
        id,
        receivedAt: new Date(START).toISOString(),
        payload: {},
      });
    await writeFile(file, `${line('SM1')}\n{"op":"acc\n${line('SM2')}\n`);
    const inbox = await open({ logger });
    assert.deepEqual(
      (await inbox.claimPending(10, MINUTE)).map((m) => m.id),
      ['SM1', 'SM2'],
    );
    assert.equal(warnings.length, 1);
    assert.doesNotMatch(warnings[0]!, /SM1|SM2/);
  });

  it('replays a journal for the import as the inbox reads it: pending with attempts, done ids, unreadable lines counted', async () => {
    const at = (minutes: number) => new Date(START + minutes * MINUTE).toISOString();
    await writeFile(
      file,
      [
        `{"op":"done","channel":"sms","id":"SM-old","receivedAt":"${at(0)}"}`,
        `{"op":"accept","channel":"sms","id":"SM1","receivedAt":"${at(1)}","attempts":1,"payload":{"Body":"pothole"}}`,
        `{"op":"accept","channel":"slack","id":"Ev2","receivedAt":"${at(2)}","payload":null}`,
        '{"op":"lease","channel":"sms","id":"SM1","attempts":3}',
        '{"op":"acc',
        `{"op":"accept","channel":"sms","id":"SM3","receivedAt":"${at(3)}","attempts":1,"payload":{}}`,
        `{"op":"done","channel":"sms","id":"SM3","receivedAt":"${at(3)}"}`,
        `{"op":"accept","channel":"sms","id":"SM3","receivedAt":"${at(4)}","attempts":1,"payload":{}}`,
        `{"op":"accept","channel":"sms","id":"SM4","rece`,
      ].join('\n'),
    );
    const replayed = await readInboxJournal(file);
    assert.deepEqual(replayed.pending, [
      {
        channel: 'sms',
        id: 'SM1',
        payloadJson: '{"Body":"pothole"}',
        receivedAt: START + MINUTE,
        attempts: 3,
      },
      { channel: 'slack', id: 'Ev2', payloadJson: 'null', receivedAt: START + 2 * MINUTE, attempts: 1 },
    ]);
    assert.deepEqual(
      replayed.done.map((d) => [d.id, d.receivedAt]),
      [
        ['SM-old', START],
        ['SM3', START + 3 * MINUTE],
      ],
      'a done id accepted again is still done',
    );
    assert.deepEqual([replayed.found, replayed.skippedLines, replayed.tornLastLine], [true, 1, true]);
    assert.equal((await readInboxJournal(join(dir, 'none.jsonl'))).found, false);
  });

  it('compacts on open: keeps pending messages (payload, attempts) and done ids within the window', async () => {
    let inbox = await open({ dedupeWindowMs: 24 * HOUR });
    await inbox.accept(sms('SM-old-done'), 0);
    await inbox.done('sms', 'SM-old-done');
    await inbox.accept(sms('SM-old-pending', 'graffiti on the library wall'), 0);
    await inbox.claimPending(10, MINUTE);
    now += 25 * HOUR;
    await inbox.accept(sms('SM-recent-done'), 0);
    await inbox.done('sms', 'SM-recent-done');
    for (let i = 0; i < 20; i++) {
      await inbox.accept(sms(`SM-churn-${i}`), 0);
      await inbox.done('sms', `SM-churn-${i}`);
    }
    await inbox.close();

    inbox = await open({ dedupeWindowMs: 24 * HOUR });
    const lines = await journal();
    assert.equal(lines.length, 1 + 1 + 20, 'one pending, 21 recent done; the old done id is gone');
    assert.equal(lines.filter((l) => l.op === 'accept').length, 1);
    assert.equal(await inbox.accept(sms('SM-recent-done'), 0), 'duplicate');
    assert.equal(await inbox.accept(sms('SM-old-done'), 0), 'new', 'older than the window');
    const [pending] = await inbox.claimPending(1, MINUTE);
    assert.equal(pending?.id, 'SM-old-pending');
    assert.deepEqual(pending?.payload, smsPayload('graffiti on the library wall'));
    assert.equal(pending?.attempts, 3, 'the claim before the restart still counts');
  });

  it('compacts while running once the journal has grown, and loses nothing', async () => {
    let inbox = await open({ compactAfterLines: 50 });
    for (let i = 0; i < 300; i++) {
      await inbox.accept(sms(`SM${i}`), 0);
      if (i % 3 !== 0) await inbox.done('sms', `SM${i}`);
    }
    const stats = inbox.stats();
    assert.ok(stats.compactions >= 2, `compactions: ${stats.compactions}`);
    assert.equal(stats.appended, 500);
    assert.ok((await journal()).length < 500, 'the journal holds less than was appended');
    await inbox.close();
    inbox = await open();
    for (let i = 0; i < 300; i++) assert.equal(await inbox.accept(sms(`SM${i}`), 0), 'duplicate');
    assert.equal((await inbox.claimPending(1000, MINUTE)).length, 100);
  });

  it('remembers at most `maxDoneIds` done ids, the newest, also after a restart', async () => {
    let inbox = await open({ maxDoneIds: 3 });
    for (const id of ['SM1', 'SM2', 'SM3', 'SM4', 'SM5']) {
      await inbox.accept(sms(id), 0);
      await inbox.done('sms', id);
    }
    assert.equal(inbox.stats().done, 3);
    await inbox.close();
    inbox = await open({ maxDoneIds: 3 });
    assert.deepEqual(await Promise.all(['SM3', 'SM4', 'SM5', 'SM1'].map((id) => inbox.accept(sms(id), 0))), [
      'duplicate',
      'duplicate',
      'duplicate',
      'new',
    ]);
  });

  it('group-commits: 500 webhooks at once are one append and one flush, and none resolves before all are in the file', async () => {
    const inbox = await open();
    let linesSeenAtFirstResolve: number | undefined;
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        inbox.accept(sms(`SM${i}`), MINUTE).then((outcome) => {
          linesSeenAtFirstResolve ??= readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
          return outcome;
        }),
      ),
    );
    assert.ok(outcomes.every((o) => o === 'new'));
    assert.equal(linesSeenAtFirstResolve, 500);
    assert.deepEqual(
      { commits: inbox.stats().commits, appended: inbox.stats().appended },
      { commits: 1, appended: 500 },
    );
    // One at a time, each call waits for its own flush.
    for (let i = 0; i < 5; i++) await inbox.done('sms', `SM${i}`);
    assert.equal(inbox.stats().commits, 6);
  });

  it('answers a retry that arrives while the first delivery is being written only once that is on disk', async () => {
    const inbox = await open();
    const first = inbox.accept(sms('SM1'), MINUTE);
    const retry = inbox.accept(sms('SM1'), MINUTE).then((outcome) => ({
      outcome,
      inFile: readFileSync(file, 'utf8').includes('"SM1"'),
    }));
    assert.equal(await first, 'new');
    assert.deepEqual(await retry, { outcome: 'duplicate', inFile: true });
  });

  it('keeps a message accepted just before the process was killed (SIGKILL) pending, and its done ones done', async () => {
    const script = `
      const { openFileInbox } = await import(process.env.INBOX_MODULE);
      const inbox = await openFileInbox({ file: process.env.INBOX_FILE });
      await inbox.accept({ channel: 'sms', id: 'SM-done', payload: {} }, 60000);
      await inbox.done('sms', 'SM-done');
      await inbox.accept({ channel: 'sms', id: 'SM-killed', payload: { text: 'water main break on Pine' } }, 60000);
      process.kill(process.pid, 'SIGKILL');
    `;
    const { signal, stderr } = await runScript(script, {
      INBOX_MODULE: join(ROOT, 'bot/inbox-file.ts'),
      INBOX_FILE: file,
    });
    assert.equal(signal, 'SIGKILL', stderr);

    now = Date.now();
    const inbox = await open();
    assert.equal(await inbox.accept(sms('SM-killed'), 0), 'duplicate');
    assert.equal(await inbox.accept(sms('SM-done'), 0), 'duplicate');
    const claimed = await inbox.claimPending(10, MINUTE);
    assert.deepEqual(
      claimed.map((m) => [m.id, m.payload, m.attempts]),
      [['SM-killed', { text: 'water main break on Pine' }, 2]],
      'pending, and claimable at once after a restart',
    );
  });

  it('rejects an accept the disk cannot take, leaves no partial line, and takes the retry once there is room', async () => {
    // The child may write files of 2 KiB at most (RLIMIT_FSIZE): an append past that fails (EFBIG) as on a
    // full disk. Pruning the done messages then compacts the journal, which makes room again.
    const script = `
      const { openFileInbox } = await import(process.env.INBOX_MODULE);
      const { readFileSync } = await import('node:fs');
      let now = ${START};
      const inbox = await openFileInbox({ file: process.env.INBOX_FILE, clock: () => new Date(now) });
      const log = [];
      for (let i = 0; i < 40; i++) {
        const message = { channel: 'sms', id: 'SM' + i, payload: { text: 'x'.repeat(300) } };
        try {
          log.push(await inbox.accept(message, 60000));
        } catch (error) {
          log.push('rejected ' + error.code);
          const journal = readFileSync(process.env.INBOX_FILE, 'utf8');
          log.push(journal.endsWith('\\n') && journal.split('\\n').length - 1 === i * 2 ? 'whole' : journal);
          now += 1000;
          log.push(await inbox.prune(0));
          log.push(await inbox.accept(message, 60000).catch((e) => 'rejected ' + e.code));
          break;
        }
        await inbox.done('sms', message.id);
      }
      process.stdout.write(JSON.stringify(log));
    `;
    const child = spawn(
      'bash',
      [
        '-c',
        'ulimit -f 2 && exec "$0" "$@"',
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          INBOX_MODULE: join(ROOT, 'bot/inbox-file.ts'),
          INBOX_FILE: file,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0, stderr);
    const log = JSON.parse(stdout) as (string | number)[];
    const failed = log.indexOf('rejected EFBIG');
    assert.ok(failed > 0, stdout);
    assert.deepEqual(
      log.slice(failed),
      ['rejected EFBIG', 'whole', failed, 'new'],
      'the partial line was cut off, and the failed accept undone',
    );
    assert.deepEqual(
      (await journal()).map((l) => [l.op, l.id]),
      [['accept', `SM${failed}`]],
      'every line whole: the done ones pruned, the retry stored once',
    );
    const inbox = await open();
    assert.equal(await inbox.accept(sms(`SM${failed}`), 0), 'duplicate');
    assert.deepEqual(
      (await inbox.claimPending(10, MINUTE)).map((m) => m.id),
      [`SM${failed}`],
    );
  });

  it('refuses calls after close', async () => {
    const inbox = await open();
    await inbox.close();
    await assert.rejects(inbox.accept(sms('SM1'), 0), /closed/);
  });
});
