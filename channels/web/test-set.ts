import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { type Explain, readExplain } from '../../bot/explain.js';
import type { ConsoleAdapter } from '../console/index.js';

/** Questions in one test-set run; a bigger file gets a 413. */
export const MAX_TEST_QUESTIONS = 500;
const MAX_QUESTION_LENGTH = 2_000;

/** One line of a test set: the same format as the project's dev-questions.jsonl. */
export interface TestQuestion {
  readonly q: string;
  /** A topic id, 'none' (out of scope) or 'emergency'. */
  readonly expect: string;
  readonly style: string;
}

export interface TestResult extends TestQuestion {
  readonly outcome: string;
  readonly topic: string | null;
  readonly score: number;
  readonly pass: boolean;
}

export interface StyleAccuracy {
  readonly total: number;
  readonly passed: number;
  readonly accuracy: number;
}

export interface TestSetReport {
  readonly total: number;
  readonly passed: number;
  readonly accuracy: number;
  readonly byStyle: Readonly<Record<string, StyleAccuracy>>;
  readonly results: readonly TestResult[];
}

export class TestSetError extends Error {
  readonly code = 'TEST_SET_INVALID';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `Line ${line}: ${message}`);
    this.name = 'TestSetError';
  }
}

/** Parses JSONL; a bad line is reported by number, nothing runs. */
export function parseTestSet(text: string): TestQuestion[] {
  const rows: TestQuestion[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new TestSetError('not valid JSON', index + 1);
    }
    const row = value as Record<string, unknown> | null;
    if (!row || typeof row !== 'object' || typeof row.q !== 'string' || typeof row.expect !== 'string') {
      throw new TestSetError('needs "q" and "expect" strings', index + 1);
    }
    if (row.q.trim() === '' || row.q.length > MAX_QUESTION_LENGTH) {
      throw new TestSetError(`"q" must have 1 to ${MAX_QUESTION_LENGTH} characters`, index + 1);
    }
    rows.push({
      q: row.q,
      expect: row.expect,
      style: typeof row.style === 'string' ? row.style : 'unlabelled',
    });
  });
  if (rows.length === 0) throw new TestSetError('The test set has no questions.');
  if (rows.length > MAX_TEST_QUESTIONS) {
    throw new TestSetError(`At most ${MAX_TEST_QUESTIONS} questions per run (got ${rows.length}).`);
  }
  return rows;
}

const TOPIC_OUTCOMES = new Set(['answer', 'clarify', 'service-request']);

/** The same rule as `npm run eval`: the right topic, a no-match for 'none', the 911 reply for 'emergency'. */
export function isPass(row: TestQuestion, explain: Explain | undefined): boolean {
  const outcome = explain?.outcome ?? 'other';
  if (row.expect === 'none') return outcome === 'no-match';
  if (row.expect === 'emergency') return outcome === 'emergency';
  return TOPIC_OUTCOMES.has(outcome) && explain?.topic === row.expect;
}

/** Asks one question in a fresh conversation and returns the explanation of the bot's answer. */
export type QuestionRunner = (question: string) => Promise<Explain | undefined>;

export async function runTestSet(rows: readonly TestQuestion[], ask: QuestionRunner): Promise<TestSetReport> {
  const results: TestResult[] = [];
  for (const row of rows) {
    const explain = await ask(row.q);
    results.push({
      ...row,
      outcome: explain?.outcome ?? 'other',
      topic: explain?.topic ?? null,
      score: explain?.score ?? 0,
      pass: isPass(row, explain),
    });
  }
  const byStyle: Record<string, StyleAccuracy> = {};
  for (const r of results) {
    const s = byStyle[r.style] ?? { total: 0, passed: 0, accuracy: 0 };
    const total = s.total + 1;
    const passed = s.passed + (r.pass ? 1 : 0);
    byStyle[r.style] = { total, passed, accuracy: passed / total };
  }
  const passed = results.filter((r) => r.pass).length;
  return { total: results.length, passed, accuracy: passed / results.length, byStyle, results };
}

/**
 * Runs questions through the real bot pipeline on a ConsoleAdapter (the one
 * `ask` uses), each in a conversation of its own.
 */
export function consoleQuestionRunner(
  adapter: ConsoleAdapter,
  logic: (context: TurnContext) => Promise<void>,
): QuestionRunner {
  return async (question) => {
    const conversationId = `staff-test-${randomUUID()}`;
    const replies = await adapter.process(adapter.message(question, conversationId), logic);
    for (const reply of replies) {
      const explain = readExplain(reply as Partial<Activity>);
      if (explain) return explain;
    }
    return undefined;
  };
}
