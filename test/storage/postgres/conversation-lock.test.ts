import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TurnQueue } from '../../../bot/turn-queue.js';
import {
  createPostgresConversationLock,
  type PostgresConversationLock,
} from '../../../storage/postgres/conversation-lock.js';
import { usePostgres } from '../../helpers/postgres.js';

describe('PostgreSQL conversation lock (turns across instances)', () => {
  const pg = usePostgres();
  let a: PostgresConversationLock;
  let b: PostgresConversationLock;

  before(async () => {
    a = await createPostgresConversationLock({ url: pg.url, schema: pg.schema, max: 4 });
    b = await createPostgresConversationLock({ url: pg.url, schema: pg.schema, max: 4 });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  /** A turn that records when it starts and ends. */
  function turn(log: string[], name: string, ms = 40) {
    return async () => {
      log.push(`${name}+`);
      await sleep(ms);
      log.push(`${name}-`);
      return name;
    };
  }

  it("runs two instances' turns of one conversation one after the other", async () => {
    const [qa, qb] = [new TurnQueue(a), new TurnQueue(b)];
    const log: string[] = [];
    const results = await Promise.all([
      qa.run('sms:+12155550100', turn(log, 'a1')),
      qb.run('sms:+12155550100', turn(log, 'b1')),
      qa.run('sms:+12155550100', turn(log, 'a2')),
      qb.run('sms:+12155550100', turn(log, 'b2')),
    ]);
    assert.deepEqual(results, ['a1', 'b1', 'a2', 'b2']);
    for (let i = 0; i < log.length; i += 2) {
      assert.equal(log[i]!.slice(0, -1), log[i + 1]!.slice(0, -1), `interleaved: ${log.join(' ')}`);
    }
  });

  it('runs turns of different conversations at the same time', async () => {
    const [qa, qb] = [new TurnQueue(a), new TurnQueue(b)];
    const log: string[] = [];
    await Promise.all([qa.run('sms:one', turn(log, 'one', 80)), qb.run('sms:two', turn(log, 'two', 80))]);
    assert.deepEqual(log.slice(0, 2).sort(), ['one+', 'two+']);
  });

  it('survives the server ending the connection that holds a lock mid-turn (a restart), and locks again after', async () => {
    const qa = new TurnQueue(a);
    const result = await qa.run('sms:terminated', async () => {
      // Another session ends every backend holding one of our advisory locks, as a server restart would.
      await pg.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()`,
      );
      await sleep(100); // the 'error' event arrives on the idle, checked-out client
      return 'turn finished';
    });
    assert.equal(result, 'turn finished');
    assert.equal(await qa.run('sms:terminated', async () => 'locked again'), 'locked again');
  });

  it('releases the lock when a turn fails', async () => {
    const qa = new TurnQueue(a);
    const qb = new TurnQueue(b);
    await assert.rejects(
      qa.run('sms:failing', async () => {
        throw new Error('turn failed');
      }),
      /turn failed/,
    );
    const started = Date.now();
    assert.equal(await qb.run('sms:failing', async () => 'ran'), 'ran');
    assert.ok(Date.now() - started < 2_000);
  });
});
