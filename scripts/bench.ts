/**
 * Benchmarks, one section per concern: `npm run bench` runs them all,
 * `npm run bench -- requests` one section. Each section prints its own table.
 *
 * Sections:
 * - requests: filing a request (validated, durably stored: lowdb rewrites the
 *   whole file) and looking one up, with 1,000, 10,000 and 100,000 requests stored.
 * - sms: the SMS webhook under load (autocannon on loopback), the real bot
 *   beside a bare signature-checking handler (scripts/bench-sms.ts).
 * - conversations: CPU per SMS question on PostgreSQL with 100 and 100,000
 *   stored conversations (scripts/bench-conversations.ts).
 * - sms-postgres: the SMS webhook under load on PostgreSQL, one instance and
 *   two (WORKERS=2), beside the bare handler (scripts/bench-sms-postgres.ts).
 * - memory: RSS of an instance on PostgreSQL after 10,000 residents have
 *   written (scripts/bench-memory.ts).
 * - geocoder: the address lookup's cost to a trash-day turn (bot turns to the
 *   answer, a cache hit, an outage of AIS) with the offline sample and a
 *   loopback AIS that never answers (scripts/bench-geocoder.ts).
 * The PostgreSQL sections use TEST_DATABASE_URL (default: the local test
 * server), each in a schema of its own dropped afterwards, and are skipped,
 * saying so, when it does not answer.
 *
 * To add a section, write `async function benchX(): Promise<void>` and list it
 * in SECTIONS.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHolidayCalendar } from '../knowledge/holiday-calendar.js';
import { loadCatalog } from '../knowledge/service-catalog.js';
import { createLowdbRequestStore } from '../requests/lowdb-request-store.js';
import { RequestService } from '../requests/request-service.js';
import type { ServiceRequest, TrackingNumber } from '../requests/types.js';
import { benchConversations } from './bench-conversations.js';
import { benchGeocoder } from './bench-geocoder.js';
import { benchMemory } from './bench-memory.js';
import { benchSms } from './bench-sms.js';
import { benchSmsPostgres } from './bench-sms-postgres.js';

// ---------------------------------------------------------------- helpers

export interface Timing {
  readonly label: string;
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Runs `fn` `samples` times, one after the other, and summarises the durations in ms. */
export async function time(
  label: string,
  samples: number,
  fn: (i: number) => Promise<unknown>,
): Promise<Timing> {
  const durations: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return {
    label,
    samples,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
    max: durations.at(-1)!,
  };
}

const ms = (n: number) => (n < 1 ? `${(n * 1000).toFixed(1)} µs` : `${n.toFixed(1)} ms`);

export function printTable(title: string, rows: readonly Timing[]): void {
  console.log(`\n${title}`);
  console.log(
    `${'what'.padEnd(52)} ${'n'.padStart(6)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(52)} ${String(r.samples).padStart(6)} ${ms(r.p50).padStart(10)} ${ms(r.p99).padStart(10)} ${ms(r.max).padStart(10)}`,
    );
  }
}

// --------------------------------------------------------------- requests

const REQUEST_SIZES = [1_000, 10_000, 100_000] as const;

/** A stored request as the store keeps it, with typical field sizes. */
function syntheticRequest(i: number, base: number): ServiceRequest {
  const at = new Date(base + i * 60_000).toISOString();
  const codes = [
    'pothole',
    'street-light-outage',
    'illegal-dumping',
    'graffiti',
    'abandoned-vehicle',
  ] as const;
  const code = codes[i % codes.length]!;
  return {
    id: String(10_000_000 + i * 7) as TrackingNumber,
    serviceCode: code as ServiceRequest['serviceCode'],
    status: i % 3 === 0 ? 'closed-fixed' : 'received',
    location: { address: `${(i % 9000) + 100} Spruce St`, lat: 39.94 + (i % 1000) / 100_000, long: -75.16 },
    description: 'Deep pothole in the right lane, cars swerving around it since last week.',
    attributes: { size: 'large' },
    requester: { channel: 'sms', userId: `+1215555${String(i % 10_000).padStart(4, '0')}` },
    followers: [],
    requestedAt: at,
    updatedAt: at,
    expectedAt: at,
    agency: 'Streets Department',
    history: [{ status: 'received', at, by: 'system' }],
  };
}

async function benchRequests(): Promise<void> {
  const catalog = await loadCatalog();
  const calendar = createHolidayCalendar();
  const rows: Timing[] = [];
  for (const size of REQUEST_SIZES) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-requests-'));
    try {
      const file = join(dir, 'requests.json');
      const base = Date.parse('2026-01-01T12:00:00Z');
      const requests = Array.from({ length: size }, (_, i) => syntheticRequest(i, base));
      // Build the file directly: filing 100,000 one by one would take hours.
      await writeFile(file, JSON.stringify({ version: 1, requests, retiredIds: [] }));
      const bytes = (await stat(file)).size;

      const openStart = performance.now();
      const store = await createLowdbRequestStore({ file });
      const openMs = performance.now() - openStart;
      const service = new RequestService({ store, catalog, calendar });

      const writes = size >= 100_000 ? 20 : size >= 10_000 ? 50 : 200;
      rows.push({
        label: `${size.toLocaleString('en-US')} stored: open the store (${(bytes / 1e6).toFixed(1)} MB)`,
        samples: 1,
        p50: openMs,
        p99: openMs,
        max: openMs,
      });
      rows.push(
        await time(`${size.toLocaleString('en-US')} stored: file a request (durable)`, writes, (i) =>
          service.file({
            serviceCode: 'pothole',
            location: { address: `${i + 1} Walnut St` },
            description: 'Bench pothole',
            attributes: { size: 'large' },
            requester: { channel: 'sms', userId: '+12155550100' },
          }),
        ),
      );
      const ids = requests.map((r) => r.id);
      rows.push(
        await time(`${size.toLocaleString('en-US')} stored: look one up by tracking number`, 10_000, (i) =>
          service.get(ids[(i * 7919) % ids.length]!),
        ),
      );
      rows.push(
        await time(`${size.toLocaleString('en-US')} stored: duplicate check (same service, open)`, 100, (i) =>
          service.findDuplicate('pothole', { address: `${(i % 9000) + 100} Spruce St` }),
        ),
      );
      rows.push(
        await time(`${size.toLocaleString('en-US')} stored: Open311 list (90 days, <= 1,000)`, 50, () =>
          service.find({ requestedFrom: '2026-01-01T00:00:00Z', open: true, limit: 1000 }),
        ),
      );
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  printTable('requests (lowdb: one JSON file rewritten per change)', rows);
}

// ---------------------------------------------------------------- sections

const SECTIONS: Readonly<Record<string, () => Promise<void>>> = {
  requests: benchRequests,
  sms: benchSms,
  conversations: benchConversations,
  'sms-postgres': benchSmsPostgres,
  memory: benchMemory,
  geocoder: benchGeocoder,
};

async function main(argv: readonly string[]): Promise<number> {
  const wanted = argv.length > 0 ? argv : Object.keys(SECTIONS);
  for (const name of wanted) {
    const run = SECTIONS[name];
    if (run === undefined) {
      console.error(`unknown section "${name}"; sections: ${Object.keys(SECTIONS).join(', ')}`);
      return 2;
    }
    await run();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
