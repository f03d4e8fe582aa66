/**
 * `npm run bench:kb`: knowledge-search latency (median, p99) and index build
 * time at the shipped size and at 5,000 generated articles, then the server's
 * resident memory at idle and after 10,000 one-message conversations.
 *
 *   npm run bench:kb                    # everything
 *   npm run bench:kb -- --no-server     # search only
 *   npm run bench:kb -- --memory-only   # the server's memory only
 *   npm run bench:kb -- --conversations=2000
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Article, loadArticles, type TopicId } from '../knowledge/index.js';
import { createKnowledgeSearch } from '../understanding/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EVAL_FILES = [
  join(ROOT, '..', 'shared', 'eval', 'dev-questions.jsonl'),
  join(ROOT, '..', 'shared', 'eval', 'real-dev-routing.jsonl'),
  join(ROOT, 'test', 'fixtures', 'eval', 'out-of-scope.jsonl'),
];

/** Deterministic PRNG (mulberry32) so generated knowledge bases are the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` articles made by recombining the shipped articles' sentences and words. */
export function generateArticles(base: readonly Article[], count: number, seed = 42): Article[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const vocabulary = [...new Set(base.flatMap((a) => `${a.title} ${a.questions.join(' ')}`.split(/\s+/)))];
  const mutate = (text: string): string =>
    text
      .split(' ')
      .map((w) => (next() < 0.25 ? pick(vocabulary) : w))
      .join(' ');
  const out: Article[] = [...base];
  for (let i = out.length; i < count; i++) {
    const a = pick(base);
    const b = pick(base);
    out.push({
      ...a,
      id: `generated-${i}` as TopicId,
      title: `${mutate(a.title)} ${pick(vocabulary)}`,
      questions: [...a.questions.map(mutate), ...b.questions.slice(0, 3).map(mutate)],
      keywords: [...a.keywords.slice(0, 6), pick(vocabulary), pick(vocabulary)],
      body: `${mutate(a.body)}\n\n${mutate(b.answer)}`,
      file: `generated-${i}.md`,
    });
  }
  return out;
}

async function questions(): Promise<string[]> {
  const all: string[] = [];
  for (const file of EVAL_FILES) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n'))
      if (line.trim() !== '') all.push((JSON.parse(line) as { q: string }).q);
  }
  return all;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Index build time, and search latency for every evaluation question on a
 * freshly built engine (cold caches, warm JIT as in a running server). The
 * machine is shared, so the latency pass runs 3 times and the median run's
 * figures are reported, with the CPU time per search (unaffected by other
 * processes taking the CPU) and the worst run's p99 beside them.
 */
function benchSearch(
  label: string,
  articles: readonly Article[],
  qs: readonly string[],
  builds: number,
): void {
  const buildTimes: number[] = [];
  let search = createKnowledgeSearch(articles);
  for (let i = 0; i < builds; i++) {
    collect();
    const t = performance.now();
    search = createKnowledgeSearch(articles);
    buildTimes.push(performance.now() - t);
  }
  for (const q of qs) search.search(q); // warm up the JIT (a running server is warm)
  const runs: { median: number; p99: number; max: number; cpuP99: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const fresh = createKnowledgeSearch(articles);
    collect();
    const times: number[] = [];
    const cpu: number[] = [];
    for (const q of qs) {
      const c = process.cpuUsage();
      const t = performance.now();
      fresh.search(q);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    runs.push({
      median: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      max: times.at(-1) ?? Number.NaN,
      cpuP99: quantile(cpu, 0.99),
    });
  }
  runs.sort((a, b) => a.p99 - b.p99);
  buildTimes.sort((a, b) => a - b);
  const mid = runs[1]!;
  console.log(
    `${label.padEnd(26)} build ${quantile(buildTimes, 0.5).toFixed(1).padStart(7)} ms   ` +
      `search median ${mid.median.toFixed(3)} ms  p99 ${mid.p99.toFixed(3)} ms  max ${mid.max.toFixed(2)} ms  ` +
      `(CPU-time p99 ${mid.cpuP99.toFixed(2)} ms; worst run p99 ${runs[2]!.p99.toFixed(2)} ms; ` +
      `${qs.length} questions x 3 runs)`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function waitForHealth(base: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${base}/healthz within ${timeoutMs} ms`);
}

async function benchServer(conversations: number, qs: readonly string[]): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-kb-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The server as `npm start` runs it: compiled JavaScript (npm run build), no run-time transpiler.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // With the V8 flags of `npm start` (package.json), e.g. the heap growth setting.
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const startArgs = pkg.scripts.start.split(/\s+/).slice(1);
  const child = spawn(process.execPath, startArgs, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(base, 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = await rssMb(child.pid!);
    const started = performance.now();
    let next = 0;
    let failed = 0;
    const worker = async (): Promise<void> => {
      while (next < conversations) {
        const i = next++;
        const res = await fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: `m-${i}`,
            deliveryMode: 'expectReplies',
            text: qs[i % qs.length],
            channelId: 'emulator',
            serviceUrl: 'http://127.0.0.1:9',
            from: { id: `resident-${i}` },
            recipient: { id: 'bot' },
            conversation: { id: `bench-${i}` },
          }),
        });
        if (!res.ok) failed++;
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1_000));
    const after = await rssMb(child.pid!);
    console.log(`server RSS idle             ${idle.toFixed(1)} MB   (target <= 150 MB)`);
    console.log(
      `server RSS after ${conversations} conv. ${after.toFixed(1)} MB   (target <= 250 MB; ` +
        `${(conversations / seconds).toFixed(0)} msg/s, ${failed} failed)`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const conversations = Number(argv.find((a) => a.startsWith('--conversations='))?.split('=')[1] ?? 10_000);
  const shipped = await loadArticles();
  const qs = await questions();
  if (!argv.includes('--memory-only')) {
    benchSearch(`shipped (${shipped.length} articles)`, shipped, qs, 20);
    benchSearch('generated (5000 articles)', generateArticles(shipped, 5_000), qs, 3);
  }
  if (!argv.includes('--no-server')) await benchServer(conversations, qs);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
