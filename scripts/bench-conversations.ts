/**
 * The "conversations" section of `npm run bench`: CPU per SMS question on
 * PostgreSQL with 100 and with 100,000 stored conversations (target: at most
 * 1.3 times as much with 100,000).
 *
 * Each size gets a schema of its own, seeded in SQL (generate_series) with a
 * conversation's worth of state per resident, as the bot leaves it: the
 * conversation reference, the conversation state of a "did you mean" left
 * unanswered (the clarify dialog and its numbered choices: two bot_state
 * rows), and the inbox record of the last message (kept a day against
 * retries). Then the real server (bot/main.ts, one process) answers signed
 * question messages, in rounds of 100 at 100 messages per second:
 * - existing residents: seeded numbers spread over the whole table; their
 *   pending "did you mean" is put back before each round, so every message
 *   meets the seeded state whatever the size (with 100 stored, the same
 *   residents come back every round);
 * - new residents: numbers never seen; what their turns stored is deleted
 *   after each round, so the table stays at its size.
 * Inbox records of the bench's own messages are deleted after each round too.
 * "server cpu/msg" is the server process's CPU time (user + system, its
 * Twilio sender thread included) over the messages answered; "db cpu/msg" is
 * that of the PostgreSQL backends serving its connections.
 */
import { performance } from 'node:perf_hooks';
import { signTwilioRequest } from '../channels/sms/twilio-signature.js';
import type { Database } from '../storage/postgres/database.js';
import { startFakeTwilio } from '../test/helpers/fake-twilio.js';
import { smsParams, TEST_AUTH_TOKEN, TEST_BOT_NUMBER } from '../test/helpers/twilio-webhook.js';
import {
  benchSchema,
  cpuBetween,
  done,
  loadLine,
  postgresMissing,
  readCpu,
  residentNumber,
  residentNumberSql,
  startInstance,
} from './bench-postgres.js';
import { QUESTIONS } from './bench-sms.js';
import { BENCH_PUBLIC_URL } from './bench-sms-bare.js';

const SIZES = [100, 100_000] as const;
const ROUND = 100;
const ROUNDS = 20;
const WARM_UP_ROUNDS = 3;
const RATE = 100;
/** Target from the issue: CPU per message with 100,000 stored at most 1.3 times that with 100. */
const TARGET_RATIO = 1.3;
/** New residents' numbers start here (area code 400 up), far from the seeded ones. */
const NEW_FROM = 1_000_000;

/** A clarify dialog waiting for "1 or 2", as the bot stores it after "permit". */
const CLARIFY_STATE = {
  dialogState: {
    dialogStack: [
      { id: 'main', state: {} },
      {
        id: 'clarify',
        state: {
          values: { instanceId: '' },
          options: {
            hits: [
              { field: 'keyword', score: 0.476, topic: 'residential-parking-permit', matched: 'permiso' },
              { field: 'keyword', score: 0.476, topic: 'building-permit', matched: 'permit' },
            ],
            question: 'permit',
          },
          stepIndex: 0,
        },
      },
    ],
  },
};
const CHOICES_STATE = {
  choices: ['Residential parking permits', 'Building and zoning permits'].map((t) => ({
    title: t,
    value: t,
  })),
};

/** Conversation state (two rows) for the residents numbered `numbers` (SQL text[] $1), made afresh. */
const UPSERT_STATE = `
  INSERT INTO bot_state (key, value, etag, expires, updated_at)
  SELECT 'sms/conversations/' || n || k.suffix,
         CASE WHEN k.suffix = '/' THEN jsonb_set($2::jsonb, '{dialogState,dialogStack,1,state,values,instanceId}', to_jsonb(md5(n)))
              ELSE $3::jsonb END,
         substr(md5(n || k.suffix), 1, 16), true, now() - interval '1 hour'
    FROM unnest($1::text[]) AS n, (VALUES ('/'), ('/numbered-choices')) AS k(suffix)
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = EXCLUDED.etag, updated_at = EXCLUDED.updated_at`;

async function seed(db: Database, size: number): Promise<number> {
  const start = performance.now();
  const numbers = `(SELECT i, ${residentNumberSql('i')} AS n FROM generate_series(0, ${size - 1}) AS i) s`;
  const party = (id: string, role: string) =>
    `jsonb_build_object('id', ${id}, 'name', '', 'role', '${role}')`;
  const reference = `jsonb_build_object('bot', ${party(`'${TEST_BOT_NUMBER}'`, 'bot')}, 'user', ${party('n', 'user')},
    'channelId', 'sms', 'serviceUrl', '${BENCH_PUBLIC_URL}',
    'conversation', jsonb_build_object('id', n, 'name', '', 'isGroup', false, 'conversationType', 'personal'))`;
  // Last seen up to two days ago: half the references are rewritten at the next message (daily refresh).
  await db.query(`INSERT INTO conversation_references (channel, conversation_id, user_id, reference, updated_at)
    SELECT 'sms', n, n, ${reference}, now() - (i % 96) * interval '30 minutes' FROM ${numbers}`);
  await db.query(
    `INSERT INTO bot_state (key, value, etag, expires, updated_at)
     SELECT 'sms/conversations/' || n || '/',
            jsonb_set($1::jsonb, '{dialogState,dialogStack,1,state,values,instanceId}', to_jsonb(md5(n))),
            substr(md5(n), 1, 16), true, now() - (i % 20) * interval '1 hour' FROM ${numbers}
     UNION ALL
     SELECT 'sms/conversations/' || n || '/numbered-choices', $2::jsonb,
            substr(md5(n || 'c'), 1, 16), true, now() - (i % 20) * interval '1 hour' FROM ${numbers}`,
    [JSON.stringify(CLARIFY_STATE), JSON.stringify(CHOICES_STATE)],
  );
  const activity = `${reference} || jsonb_build_object('id', 'SM' || md5(n), 'type', 'message', 'text', 'permit',
    'from', ${party('n', 'user')}, 'recipient', ${party(`'${TEST_BOT_NUMBER}'`, 'bot')},
    'textFormat', 'plain', 'timestamp', now() - (i % 20) * interval '1 hour')`;
  await db.query(`INSERT INTO inbox (channel, id, payload, received_at, done_at, lease_until)
    SELECT 'sms', 'SM' || md5(n), ${activity}, now() - (i % 20) * interval '1 hour',
           now() - (i % 20) * interval '1 hour' + interval '1 second', now() - (i % 20) * interval '1 hour' + interval '1 minute'
      FROM ${numbers}`);
  await db.query('ANALYZE');
  return performance.now() - start;
}

/** Posts one signed question from each of `numbers`, paced at RATE per second. */
async function sendRound(url: string, numbers: readonly string[], first: number): Promise<number> {
  const start = performance.now();
  const posts = numbers.map(async (from, j) => {
    const wait = start + (j * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const params = smsParams({ from, body: QUESTIONS[(first + j) % QUESTIONS.length]! });
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(TEST_AUTH_TOKEN, `${BENCH_PUBLIC_URL}/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    await res.arrayBuffer();
    return res.status === 200 ? 1 : 0;
  });
  return (await Promise.all(posts)).reduce<number>((a, b) => a + b, 0);
}

interface Row {
  readonly stored: number;
  readonly residents: 'existing' | 'new';
  readonly messages: number;
  readonly replies: number;
  readonly serverMsPerMessage: number;
  readonly databaseMsPerMessage: number;
}

async function measureSize(size: number): Promise<{ rows: Row[]; seedMs: number }> {
  const { schema, db, drop } = await benchSchema();
  const twilio = await startFakeTwilio();
  try {
    const seedMs = await seed(db, size);
    const instance = await startInstance(schema, twilio);
    const since = new Date();
    try {
      /** Before a round: the existing residents' pending "did you mean", as seeded. */
      const restore = (numbers: readonly string[]) =>
        db.query(UPSERT_STATE, [numbers, JSON.stringify(CLARIFY_STATE), JSON.stringify(CHOICES_STATE)]);
      /** After a round: the inbox records of its messages, and what new residents left, deleted. */
      const tidy = async (numbers: readonly string[], residents: Row['residents']) => {
        await db.query('DELETE FROM inbox WHERE done_at IS NOT NULL AND received_at >= $1', [since]);
        if (residents === 'existing') return;
        await db.query(
          "DELETE FROM conversation_references WHERE channel = 'sms' AND conversation_id = ANY($1)",
          [numbers],
        );
        await db.query(
          "DELETE FROM bot_state WHERE key LIKE 'sms/conversations/%' AND split_part(key, '/', 3) = ANY($1)",
          [numbers],
        );
      };
      const pass = async (residents: Row['residents'], rounds: number, offset: number): Promise<Row> => {
        let messages = 0;
        let serverMs = 0;
        let databaseMs = 0;
        const sentBefore = twilio.sent.length;
        for (let r = 0; r < rounds; r++) {
          const k = offset + r * ROUND;
          const numbers = Array.from({ length: ROUND }, (_, j) =>
            residents === 'existing'
              ? residentNumber(((k + j) * 7919) % size)
              : residentNumber(NEW_FROM + k + j),
          );
          if (residents === 'existing') await restore(numbers);
          const before = await readCpu(db, instance);
          messages += await sendRound(instance.sms, numbers, k);
          await done(db, twilio);
          const spent = cpuBetween(before, await readCpu(db, instance));
          serverMs += spent.serverMs;
          databaseMs += spent.databaseMs;
          await tidy(numbers, residents);
        }
        return {
          stored: size,
          residents,
          messages,
          replies: twilio.sent.length - sentBefore,
          serverMsPerMessage: serverMs / Math.max(1, messages),
          databaseMsPerMessage: databaseMs / Math.max(1, messages),
        };
      };
      await pass('existing', WARM_UP_ROUNDS, ROUNDS * ROUND);
      const rows = [await pass('existing', ROUNDS, 0), await pass('new', ROUNDS, 0)];
      return { rows, seedMs };
    } finally {
      await instance.stop();
    }
  } finally {
    await twilio.close();
    await drop();
  }
}

export async function benchConversations(): Promise<void> {
  const missing = await postgresMissing('conversations');
  if (missing) {
    console.log(missing);
    return;
  }
  const rows: Row[] = [];
  const seeds: string[] = [];
  for (const size of SIZES) {
    const measured = await measureSize(size);
    rows.push(...measured.rows);
    seeds.push(`${size.toLocaleString('en-US')} in ${(measured.seedMs / 1000).toFixed(1)} s`);
  }
  console.log(
    `\nconversations (SMS questions to one PostgreSQL instance; ${ROUNDS} rounds of ${ROUND} messages at ${RATE}/s per row, after ${WARM_UP_ROUNDS} warm-up rounds; seeded ${seeds.join(', ')})`,
  );
  console.log(
    `${'stored conversations'.padEnd(21)} ${'residents'.padEnd(9)} ${'messages'.padStart(8)} ${'replies'.padStart(7)} ${'server cpu/msg'.padStart(14)} ${'db cpu/msg'.padStart(10)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.stored.toLocaleString('en-US').padEnd(21)} ${r.residents.padEnd(9)} ${String(r.messages).padStart(8)} ${String(r.replies).padStart(7)} ${`${r.serverMsPerMessage.toFixed(2)} ms`.padStart(14)} ${`${r.databaseMsPerMessage.toFixed(2)} ms`.padStart(10)}`,
    );
  }
  const ratio = (residents: Row['residents'], value: (r: Row) => number) => {
    const [small, large] = SIZES.map(
      (size) => rows.find((r) => r.stored === size && r.residents === residents)!,
    );
    return value(large!) / value(small!);
  };
  const line = (residents: Row['residents']) =>
    `${residents} residents ${ratio(residents, (r) => r.serverMsPerMessage).toFixed(2)}x (database ${ratio(residents, (r) => r.databaseMsPerMessage).toFixed(2)}x)`;
  console.log(
    `server CPU per message, ${SIZES[1].toLocaleString('en-US')} vs ${SIZES[0]} stored: ${line('existing')}, ${line('new')}; target <= ${TARGET_RATIO}x; ${loadLine()}`,
  );
}
