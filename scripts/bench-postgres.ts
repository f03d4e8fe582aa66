/**
 * What the PostgreSQL sections of `npm run bench` share (bench-conversations,
 * bench-sms-postgres, bench-memory): a migrated schema of their own, the real
 * server (`bot/main.ts`, test/helpers/spawn-main.ts) on it with Twilio pointed
 * at a fake Twilio in the bench process, and readings of what the server's
 * processes use, taken from /proc so the server needs no benchmark hooks:
 * - CPU: utime + stime of the process and its workers (WORKERS=N), the same
 *   time `process.cpuUsage()` reports inside, in clock ticks (10 ms);
 * - the database's share: CPU of the PostgreSQL backends serving the server's
 *   connections (found through the sockets the server's processes hold);
 * - memory: VmRSS and VmHWM (the peak) from /proc/<pid>/status.
 * The server runs as `npm start` runs it (compiled, with its V8 flags; see
 * `spawnServer`).
 * The server is `done` with a batch once the inbox has no message left
 * pending and the fake Twilio has received nothing more for a moment: a turn
 * is not over until its reply is sent.
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../storage/postgres/database.js';
import { migrate } from '../storage/postgres/migrate.js';
import type { FakeTwilio } from '../test/helpers/fake-twilio.js';
import { dropSchema, newSchemaName, TEST_DATABASE_URL } from '../test/helpers/postgres.js';
import { type SpawnedMain, spawnMain } from '../test/helpers/spawn-main.js';
import { testTwilioEnv } from '../test/helpers/twilio-webhook.js';
import { startFlags } from './bench-sms.js';
import { BENCH_PUBLIC_URL } from './bench-sms-bare.js';

export const DATABASE_URL = TEST_DATABASE_URL;
/**
 * Connections per server process (DATABASE_POOL_SIZE, and twice as many for
 * turn locks): 5 rather than the default 10 (BENCH_POOL_SIZE to change it),
 * so that two workers fit in the test server's 100 connections beside other
 * clients of it.
 */
export const POOL_SIZE = process.env.BENCH_POOL_SIZE ?? '5';
const CLOCK_TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/** Undefined when PostgreSQL answers; otherwise the message to print (the section is skipped). */
export async function postgresMissing(section: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return `\n${section}: SKIPPED - PostgreSQL not reachable at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')} (${why}); set TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema, migrated like production; `drop` removes it and everything in it. */
export async function benchSchema(): Promise<{ schema: string; db: Database; drop(): Promise<void> }> {
  const schema = newSchemaName();
  const db = await openDatabase({ url: DATABASE_URL, schema, max: 4 });
  await migrate(db);
  return {
    schema,
    db,
    async drop() {
      await db.close().catch(() => undefined);
      await dropSchema(schema);
    },
  };
}

export interface Instance {
  /** `http://127.0.0.1:<port>/sms` */
  readonly sms: string;
  readonly process: SpawnedMain;
  /** The server's processes: the instance, or the primary and its workers. */
  pids(): number[];
  stop(): Promise<void>;
}

/**
 * The files `npm run build` copies beside the compiled JavaScript
 * (scripts/copy-assets.mjs).
 */
const ASSETS = [
  'knowledge/articles',
  'knowledge/service-catalog.yaml',
  'channels/web/public',
  'storage/postgres/migrations',
];
const ROOT = fileURLToPath(new URL('../', import.meta.url));
let compiled: Promise<string> | undefined;

/**
 * The server as `npm start` runs it: the sources as they are now compiled
 * (tsconfig.build.json) into a temporary folder, once per run, with the
 * assets beside them and node_modules linked; removed when the bench exits.
 */
function compiledServer(): Promise<string> {
  compiled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-dist-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dir],
      { cwd: ROOT, stdio: 'inherit' },
    );
    for (const path of ASSETS) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  })();
  return compiled;
}

/**
 * `npm start`'s command on the compiled server (its V8 flags, from
 * package.json), or with BENCH_SERVER=tsx test/helpers/spawn-main.ts's
 * (bot/main.ts through tsx, no flags: tsx's loader thread adds about 45 MB
 * of RSS). Same log handling as spawnMain: the URL from the "listening" line.
 */
async function spawnServer(env: Record<string, string>): Promise<SpawnedMain> {
  if (process.env.BENCH_SERVER === 'tsx') return spawnMain(env);
  const dir = await compiledServer();
  const child = spawn(process.execPath, [...(await startFlags()), join(dir, 'bot/main.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"listening"')) resolve(String((JSON.parse(line) as { url?: string }).url));
      }
    });
    exited.then((code) => reject(new Error(`exited ${code} before listening: ${lines.join('\n')}`)));
  });
  url.catch(() => {});
  return { child, lines, url, exited };
}

/** The server on `schema` (WORKERS=`workers`), SMS on, replies to `twilio`; resolves once every worker listens. */
export async function startInstance(schema: string, twilio: FakeTwilio, workers = 1): Promise<Instance> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-pg-'));
  const process = await spawnServer({
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    PUBLIC_URL: BENCH_PUBLIC_URL,
    LOG_LEVEL: 'info',
    WORKERS: String(workers),
    DATABASE_POOL_SIZE: POOL_SIZE,
    ...testTwilioEnv(twilio.url),
  });
  const base = (await process.url).replace('localhost', '127.0.0.1');
  const deadline = Date.now() + 60_000;
  while (process.lines.filter((l) => l.includes('"listening"')).length < workers) {
    if (Date.now() > deadline) throw new Error(`not every worker listens: ${process.lines.join('\n')}`);
    await sleep(100);
  }
  const root = process.child.pid!;
  return {
    sms: `${base}/sms`,
    process,
    pids: () => [root, ...childrenOf(root)],
    async stop() {
      process.child.kill('SIGTERM');
      const timer = setTimeout(() => process.child.kill('SIGKILL'), 15_000);
      await process.exited;
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bare handler (bench-sms-bare.ts) in a process of its own. */
export async function startBare(): Promise<{ url: string; pid: number; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./bench-sms-bare.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string }>((resolve) => child.once('message', resolve));
  return { url: ready.url, pid: child.pid!, stop: () => child.kill() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    // Node processes only (workers), not tsx's esbuild service.
    if (stat && Number(stat[1]) === pid && comm(Number(entry)) === 'node') found.push(Number(entry));
  }
  return found;
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], utime [11], stime [12]). */
function procStat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) used so far by each of `pids`, in ms; a process gone reads as absent. */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    const stat = procStat(pid);
    if (stat) times.set(pid, (Number(stat[11]) + Number(stat[12])) * CLOCK_TICK_MS);
  }
  return times;
}

/** CPU time used between two readings (a process that appeared in between counts from zero). */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** VmRSS and VmHWM (peak RSS) of a process, in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * The PostgreSQL backends serving `pids`: each TCP socket a process holds is
 * matched (by inode, /proc/net/tcp*) with its local port, which PostgreSQL
 * shows as the backend's client_port.
 */
export async function backendsOf(db: Database, pids: readonly number[]): Promise<number[]> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        // closed meanwhile
      }
    }
  }
  const ports: number[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[] = [];
    try {
      lines = readFileSync(file, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      const [local, remote, inode] = [cols[1], cols[2], cols[9]];
      if (!local || !remote || !inode || !inodes.has(inode)) continue;
      if (Number.parseInt(remote.split(':')[1] ?? '', 16) !== 5432) continue;
      ports.push(Number.parseInt(local.split(':')[1] ?? '', 16));
    }
  }
  if (ports.length === 0) return [];
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])',
    [ports],
  );
  return rows.map((r) => r.pid);
}

/** A reading of the CPU used so far by the server's processes and by the backends serving them. */
export interface CpuReading {
  readonly server: Map<number, number>;
  readonly database: Map<number, number>;
}

export async function readCpu(db: Database, instance: { pids(): number[] }): Promise<CpuReading> {
  const pids = instance.pids();
  return { server: cpuByPid(pids), database: cpuByPid(await backendsOf(db, pids)) };
}

export function cpuBetween(before: CpuReading, after: CpuReading): { serverMs: number; databaseMs: number } {
  return {
    serverMs: cpuSpent(before.server, after.server),
    databaseMs: cpuSpent(before.database, after.database),
  };
}

/**
 * Waits until the server has finished what it was sent: no message pending in
 * the inbox and nothing new at the fake Twilio for `quietMs`. Resolves with
 * the time it took (ms).
 */
export async function done(
  db: Database,
  twilio: FakeTwilio,
  timeoutMs = 120_000,
  quietMs = 300,
): Promise<number> {
  const start = performance.now();
  let seen = -1;
  let quietSince = performance.now();
  for (;;) {
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM inbox WHERE done_at IS NULL');
    if (twilio.sent.length !== seen) {
      seen = twilio.sent.length;
      quietSince = performance.now();
    }
    if (rows[0]?.n === '0' && performance.now() - quietSince >= quietMs)
      return performance.now() - start - quietMs;
    if (performance.now() - start > timeoutMs)
      throw new Error(`the server did not finish within ${timeoutMs} ms`);
    await sleep(50);
  }
}

export function loadLine(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs (shared with the load generator and PostgreSQL)`;
}

/** A resident's number: +1 <area code from 300 up> 555 <4 digits>, one per `i` (fictional 555 exchange). */
export function residentNumber(i: number): string {
  return `+1${300 + Math.floor(i / 10_000)}555${String(i % 10_000).padStart(4, '0')}`;
}

/** The same as SQL over an integer expression `i`. */
export function residentNumberSql(i: string): string {
  return `'+1' || (300 + ${i} / 10000)::text || '555' || lpad((${i} % 10000)::text, 4, '0')`;
}
