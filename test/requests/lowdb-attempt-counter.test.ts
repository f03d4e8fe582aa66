import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttemptLimiter, DEFAULT_ATTEMPT_LIMITS } from '../../requests/liaison-attempt-limiter.js';
import { createLowdbAttemptCounter } from '../../requests/lowdb-attempt-counter.js';
import { isRequestError } from '../../requests/request-error.js';
import { describeAttemptCounterContract } from './attempt-counter-contract.js';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;

describe('lowdb attempt counter (DATA_DIR/attempts.json)', () => {
  let dir: string;
  let file: string;
  let now: number;
  const clock = () => new Date(now);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attempts-'));
    file = join(dir, 'attempts.json');
    now = Date.parse('2026-05-26T13:00:00Z');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describeAttemptCounterContract('lowdb attempt counter', {
    sharedAcrossInstances: false,
    survivesRestart: true,
    open: (contractClock) => createLowdbAttemptCounter({ file, clock: contractClock }),
  });

  /** The file's identity: lowdb renames a new file over the old one on every write. */
  const inode = async () => (await stat(file)).ino;

  it('stores no client address or phone number in clear, only digests of the keys', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock });
    await counter.hit('liaison-link:sms:+12155550100', WINDOW);
    await counter.hit('staff-token:203.0.113.7', WINDOW);
    const text = await readFile(file, 'utf8');
    assert.equal(Object.keys((JSON.parse(text) as { windows: object }).windows).length, 2);
    assert.doesNotMatch(text, /12155550100|203\.0\.113\.7|staff-token|liaison-link/);
  });

  it('writes nothing for a read of a key with no attempts, nor for resetting one', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock });
    await counter.hit('staff-token:203.0.113.7', WINDOW);
    const written = await inode();
    assert.equal((await counter.hit('staff-token:198.51.100.9', WINDOW, 0)).count, 0);
    await counter.reset('liaison-link:sms:+12155550100');
    assert.equal(await inode(), written, 'the file was not rewritten');
    assert.equal(counter.size, 1, 'and nothing was stored for them');
  });

  it('drops closed windows from the file when it next writes', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock });
    for (let i = 0; i < 5; i++) await counter.hit(`staff-token:10.0.0.${i}`, MINUTE);
    now += 2 * MINUTE;
    await counter.hit('staff-token:10.0.1.1', WINDOW);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { windows: Record<string, unknown> };
    assert.equal(Object.keys(stored.windows).length, 1, 'only the open window is left');
  });

  it('stays within maxKeys under a flood of new keys, keeping the keys with most attempts', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock, maxKeys: 3 });
    for (let i = 0; i < 10; i++) await counter.hit('staff-token:203.0.113.7', WINDOW);
    await counter.hit('liaison-link:*', WINDOW);
    await counter.hit('liaison-link:*', WINDOW);
    for (let i = 0; i < 50; i++) await counter.hit(`staff-token:2001:db8:${i.toString(16)}::/64`, WINDOW);
    assert.equal(counter.size, 3);
    const reopened = await createLowdbAttemptCounter({ file, clock, maxKeys: 3 });
    assert.equal(reopened.size, 3, 'the file is bounded too');
    assert.equal(
      (await reopened.hit('staff-token:203.0.113.7', WINDOW, 0)).count,
      10,
      'the guesser at the limit is still limited',
    );
    assert.equal((await reopened.hit('liaison-link:*', WINDOW, 0)).count, 2);
  });

  it('rejects a hit whose count cannot be written, and writes it with the next hit that can', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock });
    await counter.hit('staff-token:203.0.113.7', WINDOW);
    // lowdb writes `.attempts.json.tmp` and renames it: a folder in its way fails every write, even as root.
    const blocker = join(dir, '.attempts.json.tmp');
    await mkdir(blocker);
    await assert.rejects(counter.hit('staff-token:203.0.113.7', WINDOW), 'a count the file does not hold');
    await assert.rejects(
      counter.hit('staff-token:203.0.113.7', WINDOW, 0),
      'a read of an open window goes through the same write (no timing oracle), and fails alike',
    );
    assert.equal(
      (await counter.hit('staff-token:198.51.100.9', WINDOW, 0)).count,
      0,
      'a client with no attempts is read without writing',
    );
    await rmdir(blocker);
    assert.equal((await counter.hit('staff-token:203.0.113.7', WINDOW)).count, 3);
    const reopened = await createLowdbAttemptCounter({ file, clock });
    assert.equal(
      (await reopened.hit('staff-token:203.0.113.7', WINDOW, 0)).count,
      3,
      'the failed count was kept',
    );
  });

  it('writes concurrent hits together, each resolving once the file holds it', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock });
    await counter.hit('warm-up', WINDOW);
    const before = await inode();
    await Promise.all(Array.from({ length: 30 }, (_, i) => counter.hit(`staff-token:10.0.0.${i}`, WINDOW)));
    const stored = JSON.parse(await readFile(file, 'utf8')) as { windows: Record<string, unknown> };
    assert.equal(Object.keys(stored.windows).length, 31);
    assert.notEqual(await inode(), before);
  });

  it('keeps a liaison code guesser refused after a restart', async () => {
    const limits = { ...DEFAULT_ATTEMPT_LIMITS, global: 100 };
    const first = new AttemptLimiter(clock, limits, await createLowdbAttemptCounter({ file, clock }));
    for (let i = 0; i < limits.perKey; i++) await first.recordFailure('sms:+12155550100');
    assert.equal(await first.allowed('sms:+12155550100'), false);
    const restarted = new AttemptLimiter(clock, limits, await createLowdbAttemptCounter({ file, clock }));
    assert.equal(await restarted.allowed('sms:+12155550100'), false, 'no fresh tries after a restart');
    assert.equal(await restarted.allowed('slack:U123'), true);
  });

  it('refuses to start on a file that is not attempt counts, naming it', async () => {
    await writeFile(file, JSON.stringify({ version: 1, windows: { a: { count: 'x', resetsAt: 1 } } }));
    await assert.rejects(
      createLowdbAttemptCounter({ file, clock }),
      (error: unknown) => isRequestError(error, 'store-unreadable') && error.message.includes(file),
    );
    await writeFile(file, '{ half');
    await assert.rejects(createLowdbAttemptCounter({ file, clock }), (error: unknown) =>
      isRequestError(error, 'store-unreadable'),
    );
  });

  it('refuses hits after close', async () => {
    const counter = await createLowdbAttemptCounter({ file, clock });
    await counter.close();
    await assert.rejects(counter.hit('a', WINDOW), (error: unknown) => isRequestError(error, 'store-closed'));
  });
});
