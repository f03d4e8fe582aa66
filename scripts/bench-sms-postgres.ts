/**
 * The "sms-postgres" section of `npm run bench`: the SMS webhook under load
 * with PostgreSQL as the store, as an operator runs it: the real server
 * (bot/main.ts in its own process, DATABASE_URL, a fresh schema), first one
 * instance, then two (WORKERS=2: two processes on one port), beside the bare
 * signature-checking handler (bench-sms-bare.ts, a process of its own) in the
 * same run. Replies go to a fake Twilio API in this process and are counted:
 * a turn is not done until its reply is sent, so "replies/s" includes the
 * time to drain the backlog after the load stops (bench-postgres.ts `done`).
 *
 * Passes as in bench-sms.ts (same messages, connections and durations): as
 * fast as possible, the bare handler alternating with the server under test
 * (median of the rounds shown), then a fixed 200 messages per second.
 * Targets from the issue: state the throughput ratio to bare; p99 at 200
 * messages/s under 100 ms with two instances.
 */
import autocannon from 'autocannon';
import type { Database } from '../storage/postgres/database.js';
import { type FakeTwilio, startFakeTwilio } from '../test/helpers/fake-twilio.js';
import {
  benchSchema,
  cpuBetween,
  done,
  type Instance,
  loadLine,
  memoryOf,
  postgresMissing,
  readCpu,
  startBare,
  startInstance,
} from './bench-postgres.js';
import {
  CONNECTIONS,
  DURATION_SECONDS,
  FIXED_RATE,
  MAX_RATE_ROUND_SECONDS,
  MAX_RATE_ROUNDS,
  signedMessages,
} from './bench-sms.js';

const TARGET_P99_MS = 100;

interface Target {
  readonly url: string;
  /** A bot (its replies are counted and waited for) or the bare handler. */
  readonly bot: boolean;
  pids(): number[];
}

interface Row {
  readonly label: string;
  readonly acksPerSecond: number;
  /** Bot only: replies at the fake Twilio per second, backlog included. */
  readonly repliesPerSecond?: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
  readonly serverMsPerMessage: number;
  readonly databaseMsPerMessage: number;
  readonly note: string;
}

async function pass(
  db: Database,
  twilio: FakeTwilio,
  target: Target,
  label: string,
  rate: number | undefined,
  seconds: number,
): Promise<Row> {
  const before = await readCpu(db, target);
  const sentBefore = twilio.sent.length;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    ...(rate ? { overallRate: rate } : {}),
    requests: [signedMessages()],
  });
  const drainMs = target.bot ? await done(db, twilio, 300_000) : 0;
  const spent = cpuBetween(before, await readCpu(db, target));
  const acked = result['2xx'];
  const replies = twilio.sent.length - sentBefore;
  const rss = target.pids().map((pid) => `${memoryOf(pid).rssMb.toFixed(0)}`);
  return {
    label,
    acksPerSecond: acked / result.duration,
    repliesPerSecond: target.bot ? replies / (result.duration + drainMs / 1000) : undefined,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    serverMsPerMessage: spent.serverMs / Math.max(1, acked),
    databaseMsPerMessage: spent.databaseMs / Math.max(1, acked),
    note: target.bot
      ? `${replies} replies, backlog drained in ${(drainMs / 1000).toFixed(2)} s, rss ${rss.join(' + ')} MB`
      : `rss ${rss.join(' + ')} MB`,
  };
}

function median(rounds: readonly Row[], value: (row: Row) => number): Row {
  const sorted = [...rounds].sort((a, b) => value(a) - value(b));
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return {
    ...middle,
    note: `median of ${rounds.length} (${rounds.map((r) => value(r).toFixed(0)).join(', ')}/s); ${middle.note}`,
  };
}

/** Warm-up (JIT, pools, the Twilio sender thread), then max-rate rounds alternating with the bare handler. */
async function maxRate(
  db: Database,
  twilio: FakeTwilio,
  bare: Target,
  bot: Target,
  label: string,
): Promise<{ bare: Row[]; bot: Row[] }> {
  await autocannon({ url: bot.url, connections: 4, amount: 400, requests: [signedMessages()] });
  await done(db, twilio);
  const rounds = { bare: [] as Row[], bot: [] as Row[] };
  for (let round = 0; round < MAX_RATE_ROUNDS; round++) {
    rounds.bare.push(
      await pass(db, twilio, bare, 'bare handler, max rate', undefined, MAX_RATE_ROUND_SECONDS),
    );
    rounds.bot.push(await pass(db, twilio, bot, `${label}, max rate`, undefined, MAX_RATE_ROUND_SECONDS));
  }
  return rounds;
}

const target = (instance: Instance): Target => ({
  url: instance.sms,
  bot: true,
  pids: () => instance.pids(),
});

function print(rows: readonly Row[], bareMax: Row, pairs: readonly [string, Row, Row][]): void {
  console.log(
    `\nsms-postgres (POST /sms, signed, loopback; the real server on PostgreSQL; ${CONNECTIONS} connections; max rate: the bare handler alternates with each server, ${MAX_RATE_ROUNDS} rounds of ${MAX_RATE_ROUND_SECONDS} s each, median shown; ${FIXED_RATE} msg/s passes ${DURATION_SECONDS} s)`,
  );
  console.log(
    `${'what'.padEnd(36)} ${'acks/s'.padStart(7)} ${'replies/s'.padStart(9)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'failed'.padStart(6)} ${'cpu/msg'.padStart(8)} ${'db cpu/msg'.padStart(10)}  note`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(36)} ${r.acksPerSecond.toFixed(0).padStart(7)} ${(r.repliesPerSecond?.toFixed(0) ?? '-').padStart(9)} ${`${r.p50} ms`.padStart(7)} ${`${r.p99} ms`.padStart(7)} ${String(r.failed).padStart(6)} ${`${r.serverMsPerMessage.toFixed(2)} ms`.padStart(8)} ${`${r.databaseMsPerMessage.toFixed(2)} ms`.padStart(10)}  ${r.note}`,
    );
  }
  console.log(
    `\n${''.padEnd(26)} ${'msgs/s'.padStart(7)} ${'of bare'.padStart(7)} ${`p50 at ${FIXED_RATE}/s`.padStart(12)} ${`p99 at ${FIXED_RATE}/s`.padStart(12)}`,
  );
  for (const [label, max, fixed] of pairs) {
    const rate = max.repliesPerSecond ?? max.acksPerSecond;
    console.log(
      `${label.padEnd(26)} ${rate.toFixed(0).padStart(7)} ${`${((rate / bareMax.acksPerSecond) * 100).toFixed(0)}%`.padStart(7)} ${`${fixed.p50} ms`.padStart(12)} ${`${fixed.p99} ms`.padStart(12)}`,
    );
  }
}

export async function benchSmsPostgres(): Promise<void> {
  const missing = await postgresMissing('sms-postgres');
  if (missing) {
    console.log(missing);
    return;
  }
  const bareProcess = await startBare();
  const bare: Target = { url: bareProcess.url, bot: false, pids: () => [bareProcess.pid] };
  const { schema, db, drop } = await benchSchema();
  const twilio = await startFakeTwilio();
  try {
    const one = await startInstance(schema, twilio, 1);
    let oneRounds: { bare: Row[]; bot: Row[] };
    let oneFixed: Row;
    let bareFixed: Row;
    try {
      oneRounds = await maxRate(db, twilio, bare, target(one), 'one instance');
      bareFixed = await pass(
        db,
        twilio,
        bare,
        `bare handler, ${FIXED_RATE} msg/s`,
        FIXED_RATE,
        DURATION_SECONDS,
      );
      oneFixed = await pass(
        db,
        twilio,
        target(one),
        `one instance, ${FIXED_RATE} msg/s`,
        FIXED_RATE,
        DURATION_SECONDS,
      );
    } finally {
      await one.stop();
    }
    const two = await startInstance(schema, twilio, 2);
    let twoRounds: { bare: Row[]; bot: Row[] };
    let twoFixed: Row;
    try {
      twoRounds = await maxRate(db, twilio, bare, target(two), 'two instances (WORKERS=2)');
      twoFixed = await pass(
        db,
        twilio,
        target(two),
        `two instances, ${FIXED_RATE} msg/s`,
        FIXED_RATE,
        DURATION_SECONDS,
      );
    } finally {
      await two.stop();
    }
    const bareMax = median([...oneRounds.bare, ...twoRounds.bare], (r) => r.acksPerSecond);
    const oneMax = median(oneRounds.bot, (r) => r.repliesPerSecond ?? 0);
    const twoMax = median(twoRounds.bot, (r) => r.repliesPerSecond ?? 0);
    print([bareMax, oneMax, twoMax, bareFixed, oneFixed, twoFixed], bareMax, [
      ['bare handler', bareMax, bareFixed],
      ['one instance', oneMax, oneFixed],
      ['two instances (WORKERS=2)', twoMax, twoFixed],
    ]);
    console.log(
      `two instances: p99 at ${FIXED_RATE} msg/s ${twoFixed.p99} ms (target < ${TARGET_P99_MS} ms); ` +
        `throughput ${((twoMax.repliesPerSecond ?? 0) / (oneMax.repliesPerSecond ?? 1) || 0).toFixed(2)}x one instance; ${loadLine()}`,
    );
  } finally {
    bareProcess.stop();
    await twilio.close();
    await drop();
  }
}
