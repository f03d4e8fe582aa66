/**
 * The intake transcript figures: drives the real bot with each report
 * transcript, as a resident would type it, and prints how many reports reach
 * a tracking number, how many answers are asked again, the bot turns a
 * one-message pothole report takes, and whether the filed values are the ones
 * the resident meant.
 *
 *   npx tsx scripts/intake-eval.ts                   # the development transcripts (dev and dev-c)
 *   npx tsx scripts/intake-eval.ts --heldout         # development and held-out, side by side
 *   npx tsx scripts/intake-eval.ts --verbose         # also each development transcript's misses
 *   npx tsx scripts/intake-eval.ts --file=x.jsonl    # other transcript files (repeatable)
 *
 * Web chat transcripts go through the ConsoleAdapter (the pipeline `npm run ask
 * -- --chat` uses) with the web chat's channel id; SMS transcripts go through
 * the SMS channel's own adapter (numbered choices, a bare "2" mapped to the
 * second choice) with a fake Twilio sender. Which question the bot asks is read
 * from the prompt's `channelData.slot`, which the intake sets. Each transcript
 * runs in a fresh runtime (its own DATA_DIR), so reports never meet each other
 * as duplicates. Held-out files print aggregate figures only, never their lines.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activity, TurnContext } from 'botbuilder';
import { loadConfig } from '../bot/config.js';
import { silentLogger } from '../bot/logger.js';
import { usePipeline } from '../bot/pipeline.js';
import { createRuntime, type Runtime } from '../bot/runtime.js';
import { TurnQueue } from '../bot/turn-queue.js';
import { ConsoleAdapter } from '../channels/console/index.js';
import { SmsAdapter } from '../channels/sms/sms-adapter.js';
import { smsToActivity } from '../channels/sms/sms-inbound.js';
import type { ServiceRequest } from '../requests/types.js';

export interface IntakeTranscript {
  readonly id: string;
  readonly channel: 'sms' | 'webchat';
  readonly style: string;
  readonly service: string;
  readonly first: string;
  readonly answers: Readonly<Record<string, readonly string[]>>;
  readonly expect: {
    readonly address?: string;
    readonly attributes?: Readonly<Record<string, unknown>>;
    readonly photo?: boolean;
  };
}

export interface TranscriptResult {
  readonly id: string;
  readonly style: string;
  readonly service: string;
  readonly filed: boolean;
  /** Service of the filed report. */
  readonly filedService?: string;
  readonly askedAgain: number;
  /** The questions asked again, one entry per time ("size", "position", ...). */
  readonly askedAgainSlots: readonly string[];
  /** Bot turns up to and including the one with the tracking number (or all turns). */
  readonly turns: number;
  readonly fields: number;
  readonly fieldsRight: number;
  readonly misses: readonly string[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = join(ROOT, 'test', 'fixtures', 'eval', 'intake-dev.jsonl');
const DEV_C = join(ROOT, 'test', 'fixtures', 'eval', 'intake-dev-c.jsonl');
const HELDOUT = join(ROOT, 'test', 'fixtures', 'eval', 'intake-heldout.jsonl');
const MAX_TURNS = 30;
const FILED = /tracking number is #(\d{6,})/;

/** What the resident says to a slot nobody wrote an answer for. */
const DEFAULT_ANSWER: Readonly<Record<string, string>> = { confirm: 'yes', duplicate: 'new' };

type Send = (text: string) => Promise<Partial<Activity>[]>;

const SAYS_NOTHING =
  /^(?:no|nope|nah|none|n\/a|skip|no thanks|no pic|no photo|idk|dunno|not sure|i don'?t know)\b/i;

/**
 * The answer to "Anything to add?" (photo, when noticed, contact in one question) of a
 * transcript written with those three questions apart: what the resident gave to any of
 * them, in one message ("since monday, Ana 215-555-0142"), or their first "no".
 */
export function extrasFrom(t: IntakeTranscript): readonly string[] {
  const given = (['photo', 'noticed', 'contact'] as const)
    .map((slot) => t.answers[slot]?.[0])
    .filter((a): a is string => a !== undefined && !SAYS_NOTHING.test(a.trim()));
  if (given.length > 0) return [given.join(', '), 'no'];
  return [t.answers.photo?.[0] ?? 'no', 'no'];
}

/** One conversation through the real pipeline on the transcript's channel. */
async function conversation(runtime: Runtime, channel: 'sms' | 'webchat', id: string): Promise<Send> {
  const recordSlots = (sent: Partial<Activity>[]) => ({
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      context.onSendActivities(async (_ctx, activities, send) => {
        sent.push(...activities);
        return send();
      });
      await next();
    },
  });
  const pipeline = { bot: runtime.bot, emergency: runtime.emergency, logger: silentLogger };
  if (channel === 'webchat') {
    const adapter = usePipeline(new ConsoleAdapter({ channelId: 'webchat' }), pipeline);
    return (text) => adapter.process(adapter.message(text, `eval-${id}`), runtime.bot.run);
  }
  const sent: Partial<Activity>[] = [];
  const adapter = new SmsAdapter({
    bot: runtime.bot,
    queue: new TurnQueue(),
    logger: silentLogger,
    optOuts: { isOptedOut: async () => false, optOut: async () => undefined } as never,
    sender: { send: async () => `SM${'0'.repeat(32)}` },
  });
  usePipeline(adapter, pipeline);
  adapter.use(recordSlots(sent));
  let n = 0;
  return async (text) => {
    n += 1;
    sent.length = 0;
    const sid = `SM${id.replace(/\W/g, '').padEnd(8, '0').slice(0, 8)}${String(n).padStart(24, '0')}`;
    const message = { messageSid: sid, from: '+12155550100', to: '+12155550199', body: text, media: [] };
    await adapter.receive(smsToActivity(message, new Date(), 'sms:'));
    return [...sent];
  };
}

const offersReport = (reply: Partial<Activity>): boolean =>
  /want me to report it\?\s*$/i.test(reply.text ?? '') ||
  (reply.suggestedActions?.actions ?? []).some((a) => /^yes$/i.test(String(a.value ?? '')));

const slotOf = (reply: Partial<Activity>): string | undefined =>
  (reply.channelData as { slot?: unknown } | undefined)?.slot as string | undefined;

/** Addresses compared as residents write them: case, St/Street, &/and and the order of cross streets aside. */
export function sameAddress(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\band\b|@|\//g, '&')
      .replace(/[.,#]/g, ' ')
      .split('&')
      .map((part) =>
        part
          .split(/\s+/)
          .filter(
            (w) =>
              w !== '' &&
              !/^(?:st|street|ave|avenue|av|ln|lane|rd|road|blvd|boulevard|dr|drive|pl|place|ct|court|way)$/.test(
                w,
              ),
          )
          .map((w) => ({ north: 'n', south: 's', east: 'e', west: 'w' })[w] ?? w)
          .join(' '),
      )
      .sort()
      .join(' & ');
  return norm(a) === norm(b);
}

function sameValue(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    const got = Array.isArray(actual) ? actual.map(String) : actual === undefined ? [] : [String(actual)];
    return expected.length === got.length && expected.every((e) => got.includes(String(e)));
  }
  if (typeof expected === 'number') return Number(actual) === expected;
  return (
    String(actual ?? '')
      .toLowerCase()
      .trim() === String(expected).toLowerCase().trim()
  );
}

function compare(
  t: IntakeTranscript,
  stored: ServiceRequest | undefined,
): { fields: number; right: number; misses: string[] } {
  const misses: string[] = [];
  let fields = 0;
  const check = (name: string, ok: boolean, got: unknown) => {
    fields += 1;
    if (!ok) misses.push(`${name}: got ${JSON.stringify(got)}`);
  };
  if (t.expect.address !== undefined) {
    const got = stored?.location.address;
    check('address', got !== undefined && sameAddress(t.expect.address, got), got);
  }
  for (const [code, value] of Object.entries(t.expect.attributes ?? {})) {
    const got = stored?.attributes[code];
    check(code, stored !== undefined && sameValue(value, got), got);
  }
  if (t.expect.photo === false) check('photo', stored !== undefined && !stored.mediaUrl, stored?.mediaUrl);
  return { fields, right: fields - misses.length, misses };
}

export async function runTranscript(t: IntakeTranscript): Promise<TranscriptResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'intake-eval-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0' });
  const runtime = await createRuntime({ config, logger: silentLogger, inMemory: true });
  try {
    const send = await conversation(runtime, t.channel, t.id);
    const asked = new Map<string, number>();
    const lastAnswer = new Map<string, string>();
    let askedAgain = 0;
    const askedAgainSlots: string[] = [];
    let turns = 0;
    let trackingNumber: string | undefined;
    const misses: string[] = [];
    let replies = await send(t.first);
    turns += 1;
    while (turns < MAX_TURNS) {
      const filed = replies.map((r) => FILED.exec(r.text ?? '')?.[1]).find(Boolean);
      if (filed) {
        trackingNumber = filed;
        break;
      }
      const slot = replies.map(slotOf).filter(Boolean).at(-1);
      // The knowledge answer's "Want me to report it?": a resident who came to report says yes.
      if (!slot && replies.some(offersReport)) {
        replies = await send('yes');
        turns += 1;
        continue;
      }
      if (!slot) {
        misses.push(
          `no question and no tracking number after turn ${turns}: ${JSON.stringify(replies.at(-1)?.text ?? '')}`,
        );
        break;
      }
      const times = asked.get(slot) ?? 0;
      asked.set(slot, times + 1);
      if (times > 0) {
        askedAgain += 1;
        askedAgainSlots.push(slot);
        misses.push(`${slot} asked again after ${JSON.stringify(lastAnswer.get(slot))}`);
      }
      // Asked a third time: the resident gives up (counted once, not once per further turn).
      if (times >= 2) {
        misses.push(`${slot} asked ${times + 1} times: the resident gives up`);
        break;
      }
      const answers = t.answers[slot] ?? (slot === 'extras' ? extrasFrom(t) : undefined);
      const answer = answers?.[Math.min(times, answers.length - 1)] ?? DEFAULT_ANSWER[slot] ?? 'skip';
      lastAnswer.set(slot, answer);
      replies = await send(answer);
      turns += 1;
    }
    const stored = trackingNumber ? await runtime.requests.get(trackingNumber as never) : undefined;
    const { fields, right, misses: wrong } = compare(t, stored);
    if (stored && stored.serviceCode !== t.service) misses.push(`filed as ${stored.serviceCode}`);
    return {
      id: t.id,
      style: t.style,
      service: t.service,
      filed: stored !== undefined,
      ...(stored ? { filedService: stored.serviceCode } : {}),
      askedAgain,
      askedAgainSlots,
      turns,
      fields,
      fieldsRight: right,
      misses: [...misses, ...wrong],
    };
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function readTranscripts(file: string): Promise<IntakeTranscript[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as IntakeTranscript);
}

export interface Figures {
  readonly reports: number;
  readonly filed: number;
  readonly rightService: number;
  readonly askedAgainPer10: number;
  /** Which questions were asked again, with how many times: counts only, never a transcript. */
  readonly askedAgainBySlot: string;
  readonly onePotholes: number;
  readonly onePotholeMedian: number;
  readonly onePotholeMax: number;
  readonly onePotholeWithin5: number;
  readonly fields: number;
  readonly fieldsRight: number;
}

/** "size 3, photo 1": how often each question was asked again, most first. */
function bySlot(slots: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const slot of slots) counts.set(slot, (counts.get(slot) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return sorted.length === 0 ? '-' : sorted.map(([slot, n]) => `${slot} ${n}`).join(', ');
}

export function figures(results: readonly TranscriptResult[]): Figures {
  const pothole = results
    .filter((r) => r.style === 'one-message' && r.service === 'pothole')
    .map((r) => (r.filed ? r.turns : Number.POSITIVE_INFINITY))
    .sort((a, b) => a - b);
  const median =
    pothole.length === 0
      ? Number.NaN
      : pothole.length % 2 === 1
        ? pothole[(pothole.length - 1) / 2]!
        : (pothole[pothole.length / 2 - 1]! + pothole[pothole.length / 2]!) / 2;
  const askedAgain = results.reduce((n, r) => n + r.askedAgain, 0);
  return {
    reports: results.length,
    filed: results.filter((r) => r.filed).length,
    rightService: results.filter((r) => r.filedService === r.service).length,
    askedAgainPer10: results.length === 0 ? 0 : (askedAgain / results.length) * 10,
    askedAgainBySlot: bySlot(results.flatMap((r) => r.askedAgainSlots)),
    onePotholes: pothole.length,
    onePotholeMedian: median,
    onePotholeMax: pothole.length === 0 ? Number.NaN : pothole.at(-1)!,
    onePotholeWithin5: pothole.filter((n) => n <= 5).length,
    fields: results.reduce((n, r) => n + r.fields, 0),
    fieldsRight: results.reduce((n, r) => n + r.fieldsRight, 0),
  };
}

function table(columns: readonly (readonly [string, Figures])[]): string {
  const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
  const rows: readonly [string, (f: Figures) => string][] = [
    ['transcripts', (f) => String(f.reports)],
    ['reports reaching a tracking number', (f) => `${f.filed}/${f.reports} (${pct(f.filed, f.reports)})`],
    ['  filed as the right service', (f) => `${f.rightService}/${f.reports}`],
    ['answers asked again per 10 reports (target <= 1)', (f) => f.askedAgainPer10.toFixed(2)],
    [
      'one-message potholes: bot turns median / max (target max <= 5)',
      (f) => (f.onePotholes === 0 ? '-' : `${f.onePotholeMedian} / ${f.onePotholeMax}`),
    ],
    ['  one-message potholes within 5 turns', (f) => `${f.onePotholeWithin5}/${f.onePotholes}`],
    ['filed values as expected', (f) => `${f.fieldsRight}/${f.fields} (${pct(f.fieldsRight, f.fields)})`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const head = `${''.padEnd(width)}${columns.map(([name]) => name.padEnd(18)).join('')}`;
  const lines = rows.map(
    ([name, cell]) => `${name.padEnd(width)}${columns.map(([, f]) => cell(f).padEnd(18)).join('')}`,
  );
  return [head, ...lines].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const files = argv.filter((a) => a.startsWith('--file=')).map((a) => resolve(a.slice('--file='.length)));
  const sets: [string, string][] =
    files.length > 0
      ? files.map((f) => [f, f])
      : [
          ['dev', DEV],
          ['dev-c', DEV_C],
        ];
  if (argv.includes('--heldout')) {
    if (existsSync(HELDOUT)) sets.push(['held-out', HELDOUT]);
    else process.stderr.write(`no held-out file at ${HELDOUT}\n`);
  }
  const columns: [string, Figures][] = [];
  for (const [name, file] of sets) {
    const heldOut = /heldout/i.test(file);
    const results: TranscriptResult[] = [];
    for (const t of await readTranscripts(file)) results.push(await runTranscript(t));
    columns.push([name, figures(results)]);
    if (verbose && !heldOut) {
      for (const r of results) {
        if (r.misses.length === 0 && r.askedAgain === 0) continue;
        process.stdout.write(
          `${r.id} (${r.style}, ${r.service}) turns ${r.turns}, asked again ${r.askedAgain}: ${r.misses.join('; ')}\n`,
        );
      }
    }
  }
  process.stdout.write(`${table(columns)}\n`);
  process.stdout.write('questions asked again (counts):\n');
  for (const [name, f] of columns) process.stdout.write(`  ${name}: ${f.askedAgainBySlot}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`intake-eval: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
