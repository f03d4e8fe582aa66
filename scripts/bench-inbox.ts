/**
 * Inbox throughput: how many messages a second each store takes through
 * accept + done (what every SMS, Slack or X webhook costs), with many
 * webhooks in flight at once and with one at a time.
 *
 *   tsx scripts/bench-inbox.ts                       # the file store; PostgreSQL too when DATABASE_URL is set
 *   tsx scripts/bench-inbox.ts --messages=20000 --concurrency=200 --dir=./data
 *
 * The file store writes to a temporary folder under --dir (default the
 * system's temporary folder; give one on the disk DATA_DIR uses, since the
 * cost is its fdatasync); PostgreSQL to a temporary schema of DATABASE_URL,
 * dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inbox } from '../bot/inbox.js';
import { openFileInbox } from '../bot/inbox-file.js';
import { openDatabase } from '../storage/postgres/database.js';
import { createPostgresInbox } from '../storage/postgres/inbox.js';
import { migrate } from '../storage/postgres/migrate.js';

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = found ? Number(found.split('=')[1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
};
const MESSAGES = arg('messages', 10_000);
const CONCURRENCY = arg('concurrency', 100);
const SEQUENTIAL = Math.min(MESSAGES, 1_000);
const DIR = process.argv.find((a) => a.startsWith('--dir='))?.slice('--dir='.length) ?? tmpdir();

/** About the size of the Activity an SMS webhook stores (1 KB). */
function payload(i: number) {
  return {
    type: 'message',
    id: `SM${i.toString(16).padStart(32, '0')}`,
    channelId: 'sms',
    from: { id: `sms-user-${i % 100}` },
    recipient: { id: 'bot' },
    conversation: { id: `sms-conversation-${i % 100}` },
    text: 'There is a large pothole on the corner near the school, cars keep swerving around it.',
    timestamp: new Date().toISOString(),
    channelData: { AccountSid: 'AC'.padEnd(34, '0'), NumMedia: '0', padding: 'x'.repeat(600) },
  };
}

/** accept + done of `count` messages, `concurrency` at a time; messages per second. */
async function run(inbox: Inbox, prefix: string, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const id = `${prefix}${i}`;
      if ((await inbox.accept({ channel: 'sms', id, payload: payload(i) }, 60_000)) !== 'new') {
        throw new Error(`${id} was not new`);
      }
      await inbox.done('sms', id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} messages/s`;

async function benchFile(): Promise<void> {
  const dir = await mkdtemp(join(DIR, 'bench-inbox-'));
  try {
    const file = join(dir, 'inbox.jsonl');
    const inbox = await openFileInbox({ file });
    const parallel = await run(inbox, 'P', MESSAGES, CONCURRENCY);
    const { commits, appended } = inbox.stats();
    const sequential = await run(inbox, 'S', SEQUENTIAL, 1);
    const stats = inbox.stats();
    await inbox.close();
    const size = (await stat(file)).size;
    console.log(
      `file   ${CONCURRENCY} in flight: ${rate(parallel)} (${MESSAGES} accept+done, ` +
        `${commits} flushes, ${(appended / commits).toFixed(1)} lines each)`,
    );
    console.log(
      `file   one at a time:  ${rate(sequential)} (${SEQUENTIAL} accept+done, ` +
        `${stats.commits - commits} flushes)`,
    );
    console.log(
      `file   journal: ${stats.journalLines} lines, ${(size / 1e6).toFixed(1)} MB, ` +
        `${stats.compactions} compactions, ${stats.done} done ids remembered`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(url: string): Promise<void> {
  const schema = `bench_inbox_${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ url, schema, max: 10 });
  try {
    await migrate(db);
    const inbox = createPostgresInbox({ db });
    const parallel = await run(inbox, 'P', MESSAGES, CONCURRENCY);
    const sequential = await run(inbox, 'S', SEQUENTIAL, 1);
    console.log(`pg     ${CONCURRENCY} in flight: ${rate(parallel)} (${MESSAGES} accept+done, pool of 10)`);
    console.log(`pg     one at a time:  ${rate(sequential)} (${SEQUENTIAL} accept+done)`);
  } finally {
    await db.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await db.close();
  }
}

await benchFile();
if (process.env.DATABASE_URL) await benchPostgres(process.env.DATABASE_URL);
else console.log('pg     skipped: set DATABASE_URL to measure PostgreSQL');
