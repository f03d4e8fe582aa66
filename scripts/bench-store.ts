/**
 * The request stores side by side (`npm run bench:store`): PostgreSQL and the
 * embedded lowdb file, with 10,000 and 100,000 requests stored, and PostgreSQL
 * also with 1,000,000 when seeding them takes under two minutes here.
 *
 * For each: filing one request (durably stored, one after another), looking
 * one up by tracking number, and the Open311 list (the last 90 days, at most
 * 1,000, newest first). Targets: filing p99 <= 10 ms, lookup p99 <= 2 ms,
 * list <= 50 ms.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else the test server
 * (postgres://postgres@127.0.0.1:5432/test). The bench works in a schema of
 * its own, `bench_<random>`, dropped afterwards. Rows are seeded in SQL
 * (INSERT ... SELECT generate_series), one request every 30 s going back from
 * now, so the 90-day list always has more than 1,000 to choose from. As in
 * any bulk load, the secondary indexes are dropped while seeding and built
 * again afterwards (then VACUUM ANALYZE): the same indexes, built in one pass.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createLowdbRequestStore } from '../requests/lowdb-request-store.js';
import type { RequestStore, ServiceRequest, TrackingNumber } from '../requests/types.js';
import { openDatabase } from '../storage/postgres/database.js';
import { migrate } from '../storage/postgres/migrate.js';
import { createPostgresRequestStore } from '../storage/postgres/request-store.js';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const POSTGRES_SIZES = [10_000, 100_000, 1_000_000] as const;
const LOWDB_SIZES = [10_000, 100_000] as const;
/** Seeding past this (estimated from the seeding before) is skipped. */
const SEED_BUDGET_MS = 120_000;
const SPACING_MS = 30_000;
const LOOKUPS = 10_000;
const DAY_MS = 86_400_000;
const CODES = ['pothole', 'street-light-outage', 'illegal-dumping', 'graffiti', 'abandoned-vehicle'];

interface Summary {
  readonly p50: number;
  readonly p99: number;
}

interface Row {
  readonly store: string;
  readonly stored: number;
  readonly seedMs: number;
  readonly filing: Summary;
  readonly lookup: Summary;
  /** A bare `SELECT 1` on the same pool, taken turn about with the lookups: the floor this machine sets. */
  readonly ping?: Summary;
  readonly list: Summary;
  readonly listed: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarise(durations: number[]): Summary {
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 50), p99: percentile(durations, 99) };
}

/** Runs `fn` `samples` times, one after the other; p50 and p99 in ms. */
async function time(samples: number, fn: (i: number) => Promise<unknown>): Promise<Summary> {
  const durations: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return summarise(durations);
}

/**
 * Runs `fn` and `baseline` turn about, `samples` times each, so both meet the
 * same moments of the machine (another process scheduled, a timer); p50 and
 * p99 of each.
 */
async function timeBeside(
  samples: number,
  fn: (i: number) => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<[Summary, Summary]> {
  const measured: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < samples; i++) {
    let start = performance.now();
    await fn(i);
    measured.push(performance.now() - start);
    start = performance.now();
    await baseline();
    floor.push(performance.now() - start);
  }
  return [summarise(measured), summarise(floor)];
}

/** The n-th seeded request's tracking number: spread over the 8-digit range, never two alike. */
const seededId = (n: number): TrackingNumber => String(10_000_000 + n * 7) as TrackingNumber;

function newRequest(i: number): Parameters<RequestStore['create']>[0] {
  return {
    serviceCode: 'pothole' as ServiceRequest['serviceCode'],
    location: { address: `${(i % 9000) + 100} Walnut St`, lat: 39.95, long: -75.17 },
    description: 'Deep pothole in the right lane, cars swerving around it since last week.',
    attributes: { size: 'large' },
    requester: { channel: 'sms', userId: `+1215555${String(i % 10_000).padStart(4, '0')}` },
    agency: 'Streets Department',
  };
}

/** The measurements every store gets, with `stored` requests seeded 1..stored. */
async function measure(
  store: RequestStore,
  stored: number,
  filings: number,
  ping?: () => Promise<unknown>,
): Promise<Pick<Row, 'filing' | 'lookup' | 'ping' | 'list' | 'listed'>> {
  // Unmeasured first: the pool's connections, prepared paths and the JIT warm up as in a running server.
  for (let i = 0; i < 200; i++) await store.get(seededId(1 + ((i * 104_729) % stored)));
  const filing = await time(filings, (i) => store.create(newRequest(i)));
  // 10,000 lookups: the p99 is then the 100th slowest, not a handful of stray moments.
  const lookupAt = (i: number) => store.get(seededId(1 + ((i * 7919) % stored)));
  const [lookup, floor] =
    ping === undefined
      ? [await time(LOOKUPS, lookupAt), undefined]
      : await timeBeside(LOOKUPS, lookupAt, ping);
  let listed = 0;
  const list = await time(30, async () => {
    const now = Date.now();
    const found = await store.find({
      requestedFrom: new Date(now - 90 * DAY_MS).toISOString(),
      requestedTo: new Date(now).toISOString(),
      limit: 1000,
    });
    listed = found.length;
  });
  return { filing, lookup, ...(floor === undefined ? {} : { ping: floor }), list, listed };
}

// --------------------------------------------------------------- PostgreSQL

/** Requests `from`..`to` (1-based), the n-th filed n * 30 s before `now`, in one statement. */
const SEED = `
  WITH n AS (
    SELECT g, (10000000 + g * 7)::text AS id,
           $3::timestamptz - g * interval '${SPACING_MS / 1000} seconds' AS at
      FROM generate_series($1::int, $2::int) g
  ), numbers AS (
    -- A number a filing of the bench drew already is left out.
    INSERT INTO tracking_numbers (id) SELECT id FROM n ON CONFLICT DO NOTHING RETURNING id
  ), shaped AS (
    SELECT n.*, (ARRAY['${CODES.join("','")}'])[1 + g % ${CODES.length}] AS code,
           CASE WHEN g % 3 = 0 THEN 'closed-fixed' ELSE 'received' END AS status,
           '+1215555' || lpad((g % 10000)::text, 4, '0') AS person,
           to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS iso
      FROM n JOIN numbers USING (id)
  )
  INSERT INTO requests (id, service_code, status, requested_at, requester_channel, requester_user, body)
  SELECT id, code, status, at, 'sms', person,
         jsonb_build_object(
           'serviceCode', code, 'status', status,
           'location', jsonb_build_object('address', (g % 9000 + 100) || ' Spruce St',
                                          'lat', 39.94 + (g % 1000) / 100000.0, 'long', -75.16),
           'description', 'Deep pothole in the right lane, cars swerving around it since last week.',
           'attributes', jsonb_build_object('size', 'large'),
           'requester', jsonb_build_object('channel', 'sms', 'userId', person),
           'requestedAt', iso, 'updatedAt', iso, 'expectedAt', iso, 'agency', 'Streets Department',
           'history', jsonb_build_array(jsonb_build_object('status', 'received', 'at', iso, 'by', 'system')))
    FROM shaped`;

async function benchPostgres(rows: Row[], notes: string[]): Promise<void> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const db = await openDatabase({ url: DATABASE_URL, schema, max: 4 });
  try {
    await migrate(db);
    const store = await createPostgresRequestStore({ db });
    const now = new Date();
    let seeded = 0;
    let lastRate: number | undefined; // ms per row of the last seeding
    for (const size of POSTGRES_SIZES) {
      const more = size - seeded;
      if (lastRate !== undefined && lastRate * more > SEED_BUDGET_MS) {
        notes.push(
          `PostgreSQL ${size.toLocaleString('en-US')}: skipped, seeding would take about ${Math.round((lastRate * more) / 1000)} s (over ${SEED_BUDGET_MS / 1000} s)`,
        );
        break;
      }
      const start = performance.now();
      const indexes = (
        await db.query<{ name: string; definition: string }>(
          `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = 'requests'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'requests'::regclass)`,
        )
      ).rows;
      for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
      // In slices, so no one statement holds a million rows' worth of work in memory.
      for (let from = seeded + 1; from <= size; from += 100_000) {
        await db.query(SEED, [from, Math.min(size, from + 99_999), now.toISOString()]);
      }
      for (const index of indexes) await db.query(index.definition);
      // As a table in service is: vacuumed (hint bits and visibility map set) and analysed,
      // so the measured lookups do not pay for the bulk load or race autovacuum over it.
      await db.query('VACUUM (ANALYZE) requests, tracking_numbers');
      const seedMs = performance.now() - start;
      lastRate = seedMs / more;
      seeded = size;
      rows.push({
        store: 'PostgreSQL',
        stored: size,
        seedMs,
        ...(await measure(store, size, 500, () => db.query('SELECT 1'))),
      });
      console.error(
        `PostgreSQL ${size.toLocaleString('en-US')}: done (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      );
    }
    await store.close();
  } finally {
    await db.close();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}

// --------------------------------------------------------------- lowdb

function syntheticRequest(n: number, now: number): ServiceRequest {
  const at = new Date(now - n * SPACING_MS).toISOString();
  const person = `+1215555${String(n % 10_000).padStart(4, '0')}`;
  return {
    id: seededId(n),
    serviceCode: CODES[n % CODES.length] as ServiceRequest['serviceCode'],
    status: n % 3 === 0 ? 'closed-fixed' : 'received',
    location: { address: `${(n % 9000) + 100} Spruce St`, lat: 39.94 + (n % 1000) / 100_000, long: -75.16 },
    description: 'Deep pothole in the right lane, cars swerving around it since last week.',
    attributes: { size: 'large' },
    requester: { channel: 'sms', userId: person },
    followers: [],
    requestedAt: at,
    updatedAt: at,
    expectedAt: at,
    agency: 'Streets Department',
    history: [{ status: 'received', at, by: 'system' }],
  };
}

async function benchLowdb(rows: Row[]): Promise<void> {
  for (const size of LOWDB_SIZES) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-store-'));
    try {
      const file = join(dir, 'requests.json');
      const start = performance.now();
      const now = Date.now();
      // The file holds requests in filing order: the oldest (the highest n) first.
      const requests = Array.from({ length: size }, (_, i) => syntheticRequest(size - i, now));
      await writeFile(file, JSON.stringify({ version: 1, requests, retiredIds: [], idempotencyKeys: {} }));
      const seedMs = performance.now() - start;
      const store = await createLowdbRequestStore({ file });
      // Every filing rewrites the whole file: fewer samples for the big one.
      rows.push({
        store: 'lowdb',
        stored: size,
        seedMs,
        ...(await measure(store, size, size >= 100_000 ? 50 : 200)),
      });
      await store.close();
      console.error(`lowdb ${size.toLocaleString('en-US')}: done`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

// --------------------------------------------------------------- report

const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const mark = (value: number, target: number): string => `${ms(value)}${value <= target ? '' : ' !'}`;

function printTable(rows: readonly Row[], notes: readonly string[]): void {
  const head = [
    'store',
    'stored',
    'seed',
    'file p50',
    'file p99',
    'get p50',
    'get p99',
    'ping p99',
    'list p50',
    'list p99',
    'rows',
  ];
  const lines = rows.map((r) => [
    r.store,
    r.stored.toLocaleString('en-US'),
    `${(r.seedMs / 1000).toFixed(1)} s`,
    ms(r.filing.p50),
    mark(r.filing.p99, 10),
    ms(r.lookup.p50),
    mark(r.lookup.p99, 2),
    r.ping === undefined ? '-' : ms(r.ping.p99),
    ms(r.list.p50),
    mark(r.list.p99, 50),
    String(r.listed),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(
    '\nrequest stores: filing (durable), lookup by tracking number, Open311 list (90 days, <= 1,000)',
  );
  console.log(format(head));
  for (const line of lines) console.log(format(line));
  console.log('targets: file p99 <= 10 ms, get p99 <= 2 ms, list <= 50 ms; "!" marks a miss');
  console.log(
    'ping: a bare SELECT 1 on the same pool, taken turn about with the lookups (the round trip this machine allows)',
  );
  for (const note of notes) console.log(`note: ${note}`);
}

async function main(): Promise<number> {
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    await benchPostgres(rows, notes);
  } catch (error) {
    notes.push(`PostgreSQL not measured: ${error instanceof Error ? error.message : String(error)}`);
  }
  await benchLowdb(rows);
  printTable(rows, notes);
  return 0;
}

process.exitCode = await main();
