/**
 * The "memory" section of `npm run bench`: an instance on PostgreSQL holds no
 * data set in memory. The real server (bot/main.ts, one process, a fresh
 * schema) answers one signed question from each of 10,000 residents (distinct
 * numbers, 200 messages per second), and its resident set size (VmRSS of
 * /proc/<pid>/status; VmHWM is the peak) is read when idle and after 1,000,
 * 5,000 and 10,000 residents, each time once every reply has been sent.
 * Target from the issue: RSS after 10,000 conversations under 200 MB; a flat
 * line from 1,000 to 10,000 is what "no data set in memory" looks like.
 */
import autocannon from 'autocannon';
import { startFakeTwilio } from '../test/helpers/fake-twilio.js';
import {
  benchSchema,
  done,
  loadLine,
  memoryOf,
  postgresMissing,
  residentNumber,
  sleep,
  startInstance,
} from './bench-postgres.js';
import { CONNECTIONS, FIXED_RATE, signedMessages } from './bench-sms.js';

const CHECKPOINTS = [1_000, 5_000, 10_000] as const;
const TARGET_RSS_MB = 200;
/** Memory residents start here (area code 500 up), apart from other sections' numbers. */
const FIRST = 2_000_000;

interface Reading {
  readonly label: string;
  readonly stored: number;
  readonly replies: number;
  readonly rssMb: number;
  readonly peakMb: number;
}

export async function benchMemory(): Promise<void> {
  const missing = await postgresMissing('memory');
  if (missing) {
    console.log(missing);
    return;
  }
  const { schema, db, drop } = await benchSchema();
  const twilio = await startFakeTwilio();
  const readings: Reading[] = [];
  try {
    const instance = await startInstance(schema, twilio);
    const pid = instance.process.child.pid!;
    try {
      const read = async (label: string) => {
        const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM conversation_references');
        readings.push({ label, stored: Number(rows[0]?.n), replies: twilio.sent.length, ...memoryOf(pid) });
      };
      await sleep(2_000);
      await read('idle, after start-up');
      let written = 0;
      for (const checkpoint of CHECKPOINTS) {
        const numbers = Array.from({ length: checkpoint - written }, (_, i) =>
          residentNumber(FIRST + written + i),
        );
        await autocannon({
          url: instance.sms,
          connections: CONNECTIONS,
          amount: numbers.length,
          overallRate: FIXED_RATE,
          timeout: 10,
          requests: [signedMessages(numbers)],
        });
        await done(db, twilio, 300_000);
        written = checkpoint;
        await read(`${checkpoint.toLocaleString('en-US')} residents have written`);
      }
    } finally {
      await instance.stop();
    }
  } finally {
    await twilio.close();
    await drop();
  }
  console.log(
    `\nmemory (one instance on PostgreSQL; one SMS question from each resident, distinct numbers, ${FIXED_RATE} msg/s; ${process.env.BENCH_SERVER === 'tsx' ? 'bot/main.ts through tsx' : 'compiled, with the V8 flags of npm start'})`,
  );
  console.log(
    `${'when'.padEnd(34)} ${'conversations stored'.padStart(20)} ${'replies'.padStart(7)} ${'rss'.padStart(8)} ${'peak rss'.padStart(8)}`,
  );
  for (const r of readings) {
    console.log(
      `${r.label.padEnd(34)} ${r.stored.toLocaleString('en-US').padStart(20)} ${String(r.replies).padStart(7)} ${`${r.rssMb.toFixed(0)} MB`.padStart(8)} ${`${r.peakMb.toFixed(0)} MB`.padStart(8)}`,
    );
  }
  const last = readings.at(-1)!;
  console.log(
    `RSS after ${CHECKPOINTS.at(-1)!.toLocaleString('en-US')} conversations: ${last.rssMb.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB; peak ${last.peakMb.toFixed(0)} MB); ${loadLine()}`,
  );
}
