import assert from 'node:assert/strict';
import { AttemptLimiter, DEFAULT_ATTEMPT_LIMITS } from '../../../requests/liaison-attempt-limiter.js';
import { createPostgresAttemptCounter } from '../../../storage/postgres/attempt-counters.js';
import type { Database } from '../../../storage/postgres/database.js';
import { usePostgres } from '../../helpers/postgres.js';
import { describeAttemptCounterContract } from '../../requests/attempt-counter-contract.js';

describe('PostgreSQL attempt counters', () => {
  const pg = usePostgres();
  /** Two pools, as two instances of the bot would hold. */
  let pools: Database[];
  before(async () => {
    pools = [pg.db, await pg.open()];
  });
  beforeEach(() => pg.db.query('TRUNCATE attempt_counts'));

  let opened = 0;
  describeAttemptCounterContract('PostgreSQL attempt counter', {
    sharedAcrossInstances: true,
    open: async (clock) => createPostgresAttemptCounter(pools[opened++ % pools.length]!, { clock }),
  });

  it('stores no client address or phone number in clear, only a digest of the key', async () => {
    const counter = createPostgresAttemptCounter(pg.db);
    await counter.hit('liaison-link:sms:+12155550100', 60_000);
    await counter.hit('staff-token:203.0.113.7', 60_000);
    const { rows } = await pg.db.query<{ key: string }>('SELECT key FROM attempt_counts');
    assert.equal(rows.length, 2);
    for (const { key } of rows) assert.doesNotMatch(key, /12155550100|203\.0\.113\.7/);
  });

  it('sweeps closed windows, and only those, as hits come in', async () => {
    let now = Date.parse('2026-05-26T13:00:00Z');
    const clock = () => new Date(now);
    const counter = createPostgresAttemptCounter(pg.db, { clock, sweepEveryMs: 60_000 });
    for (let i = 0; i < 5; i++) await counter.hit(`staff-token:10.0.0.${i}`, 60_000);
    now += 30_000;
    await counter.hit('staff-token:10.0.1.1', 15 * 60_000);
    now += 40_000;
    await counter.hit('staff-token:10.0.1.2', 15 * 60_000);
    const { rows } = await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM attempt_counts');
    assert.equal(rows[0]?.n, 2, 'the five one-minute windows closed and were swept; the open ones stay');
    assert.equal(await counter.sweep(), 0);
  });

  it('limits liaison code guesses across instances: per identity and in all', async () => {
    const clock = () => new Date('2026-11-20T10:00:00Z');
    const limits = { ...DEFAULT_ATTEMPT_LIMITS, global: 12 };
    const [a, b] = pools.map(
      (db) => new AttemptLimiter(clock, limits, createPostgresAttemptCounter(db, { clock })),
    );
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b)!.recordFailure('sms:+12155550100');
    assert.equal(await a!.allowed('sms:+12155550100'), false, 'five failures over two instances');
    assert.equal(await b!.allowed('sms:+12155550100'), false);
    assert.equal(await b!.allowed('slack:U123'), true);
    for (let i = 0; i < 7; i++) await a!.recordFailure(`x:U${i}`);
    assert.equal(await b!.allowed('slack:U123'), false, '12 failures in all: everyone waits');
  });
});
