/**
 * `npx tsx scripts/tune-search.ts [--search]`: fits the search's confidence
 * calibration (logistic regression on the top candidate's features) and, with
 * --search, adjusts the ranking weights by coordinate descent. Everything is
 * fitted on half "a" of each question file and reported on both halves, so the
 * "b" figures are held out. Prints a DEFAULT_TUNING to paste into the engine.
 *
 * Cross-city protocol: --train-city=newhaven (or newport) fits on half a of the
 * dev and out-of-scope questions plus ALL real reports of that city, and reports
 * half b plus the OTHER city's real reports, so the real figure of the test side
 * comes from a city the fit never saw.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadArticles } from '../knowledge/index.js';
import {
  type Calibration,
  createKnowledgeSearch,
  DEFAULT_TUNING,
  type KnowledgeSearchEngine,
  type SearchTuning,
} from '../understanding/search/search-engine.js';
import type { Ranking } from '../understanding/search/search-ranker.js';
import { halfOf } from './eval-halves.js';

interface Row {
  readonly q: string;
  readonly expect: string;
  readonly style: string;
  readonly set: string;
}

const FILES: readonly (readonly [string, string])[] = [
  ['dev', '../shared/eval/dev-questions.jsonl'],
  ['real', '../shared/eval/real-dev-routing.jsonl'],
  ['oos', 'test/fixtures/eval/out-of-scope.jsonl'],
];

async function loadRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [set, file] of FILES) {
    for (const line of (await readFile(join(process.cwd(), file), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as Omit<Row, 'set'>;
      if (row.expect !== 'emergency') rows.push({ ...row, set });
    }
  }
  return rows;
}

const FEATURES = [
  'logScore',
  'coverage',
  'margin',
  'phraseCoverage',
  'logMatched',
  'anchor',
  'report',
] as const;

function features(ranking: Ranking): number[] | undefined {
  const top = ranking.candidates[0];
  if (top === undefined) return undefined;
  const rival = ranking.candidates[1]?.score ?? 0;
  return [
    Math.log(1 + top.score),
    top.coverage,
    (top.score - rival) / top.score,
    top.phraseCoverage,
    Math.log(1 + top.matchedTerms),
    top.anchor,
    top.report,
  ];
}

/** L2-regularised logistic regression by gradient descent on standardised features. */
function fitLogistic(xs: number[][], ys: number[], weights: number[]): Calibration {
  const d = FEATURES.length;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const x of xs) {
    for (let j = 0; j < d; j++) mean[j]! += x[j]! / xs.length;
  }
  for (const x of xs) {
    for (let j = 0; j < d; j++) sd[j]! += (x[j]! - mean[j]!) ** 2 / xs.length;
  }
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  const zs = xs.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
  const w = new Array<number>(d + 1).fill(0);
  const total = weights.reduce((a, b) => a + b, 0);
  for (let epoch = 0; epoch < 3000; epoch++) {
    const grad = new Array<number>(d + 1).fill(0);
    zs.forEach((x, i) => {
      const z = w[0]! + x.reduce((s, v, j) => s + v * w[j + 1]!, 0);
      const e = (1 / (1 + Math.exp(-z)) - ys[i]!) * weights[i]!;
      grad[0]! += e;
      x.forEach((v, j) => {
        grad[j + 1]! += e * v;
      });
    });
    for (let j = 0; j <= d; j++) w[j]! -= 0.5 * (grad[j]! / total + (j > 0 ? 0.001 * w[j]! : 0));
  }
  // Back to raw feature units.
  const raw = w.slice(1).map((v, j) => v / sd[j]!);
  const bias = w[0]! - raw.reduce((s, v, j) => s + v * mean[j]!, 0);
  const round = (v: number): number => Math.round(v * 100) / 100;
  return {
    bias: round(bias),
    logScore: round(raw[0]!),
    coverage: round(raw[1]!),
    margin: round(raw[2]!),
    phraseCoverage: round(raw[3]!),
    logMatched: round(raw[4]!),
    anchor: round(raw[5]!),
    report: round(raw[6]!),
  };
}

interface Scores {
  dev: number;
  devTopic: number;
  real: number;
  oos: number;
  objective: number;
}

function score(engine: KnowledgeSearchEngine, rows: readonly Row[], rankings: readonly Ranking[]): Scores {
  const right = { dev: 0, devN: 0, devTopic: 0, devTopicN: 0, real: 0, realN: 0, oos: 0, oosN: 0 };
  rows.forEach((row, i) => {
    const result = engine.decide(rankings[i]!);
    const ok =
      row.expect === 'none'
        ? result.outcome === 'no-match'
        : result.outcome !== 'no-match' && result.hits[0]?.topic === row.expect;
    if (row.set === 'dev') {
      right.devN++;
      right.dev += ok ? 1 : 0;
      if (row.expect !== 'none') {
        right.devTopicN++;
        right.devTopic += ok ? 1 : 0;
      }
    }
    if (row.set === 'real') {
      right.realN++;
      right.real += ok ? 1 : 0;
    }
    if (row.expect === 'none') {
      right.oosN++;
      right.oos += ok ? 1 : 0;
    }
  });
  const dev = right.dev / right.devN;
  const devTopic = right.devTopic / right.devTopicN;
  const real = right.real / right.realN;
  const oos = right.oos / right.oosN;
  return { dev, devTopic, real, oos, objective: devTopic + real + 0.5 * oos };
}

/** Builds an engine, fits its calibration and thresholds on `train`, and scores it. */
async function evaluate(tuning: SearchTuning, train: readonly Row[], test: readonly Row[]) {
  const articles = await loadArticles();
  const base = createKnowledgeSearch(articles, tuning);
  const trainRankings = train.map((r) => base.rank(r.q));
  const xs: number[][] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  trainRankings.forEach((ranking, i) => {
    const x = features(ranking);
    const row = train[i]!;
    if (x === undefined) return;
    xs.push(x);
    const right = row.expect !== 'none' && articles[ranking.candidates[0]!.article]!.id === row.expect;
    ys.push(right ? 1 : 0);
    ws.push(row.expect === 'none' ? 2 : row.set === 'real' ? 0.5 : 1);
  });
  const calibration = fitLogistic(xs, ys, ws);
  let best: { tuning: SearchTuning; scores: Scores } | undefined;
  for (const answerThreshold of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    for (const clarifyRatio of [0.8, 0.85, 0.9, 0.95]) {
      const candidate: SearchTuning = {
        ...tuning,
        calibration,
        answerThreshold,
        clarifyThreshold: answerThreshold,
        clarifyRatio,
      };
      const engine = createKnowledgeSearch(articles, candidate);
      const scores = score(engine, train, trainRankings);
      if (best === undefined || scores.objective > best.scores.objective)
        best = { tuning: candidate, scores };
    }
  }
  const engine = createKnowledgeSearch(articles, best!.tuning);
  const testScores = score(
    engine,
    test,
    test.map((r) => engine.rank(r.q)),
  );
  return { tuning: best!.tuning, train: best!.scores, test: testScores };
}

function show(label: string, s: Scores): string {
  const p = (v: number): string => `${(v * 100).toFixed(1)}%`;
  return `${label}: dev ${p(s.dev)} (topic ${p(s.devTopic)}), real ${p(s.real)}, out-of-scope ${p(s.oos)}`;
}

async function main(argv: readonly string[]): Promise<void> {
  const rows = await loadRows();
  const city = argv.find((a) => a.startsWith('--train-city='))?.slice('--train-city='.length);
  const inTrain = (r: Row): boolean =>
    city === undefined || r.set !== 'real' ? halfOf(r.q) === 'a' : r.style === `real-${city}`;
  const train = rows.filter(inTrain);
  const test = rows.filter((r) => !inTrain(r));
  let current = await evaluate(DEFAULT_TUNING, train, test);
  console.log(show('start  a', current.train), '|', show('b', current.test));
  if (argv.includes('--search')) {
    const steps: [keyof SearchTuning | `weights.${string}`, number[]][] = [
      ['phraseWeight', [0, 0.5, 1, 1.5, 2, 3]],
      ['phraseCoveragePower', [1, 1.5, 2, 3, 4]],
      ['fuzzyPenalty', [0.4, 0.55, 0.7, 0.85]],
      ['weakTermWeight', [0.1, 0.2, 0.3, 0.5]],
      ['positionDecay', [0, 0.2, 0.4, 0.6]],
      ['unknownWeight', [0.2, 0.35, 0.5, 0.75, 1]],
      ['reportBoost', [0, 0.15, 0.3, 0.5, 0.8]],
      ['questionBoost', [0, 0.05, 0.1, 0.2]],
      ['leadBoost', [0, 0.3, 0.6, 1]],
      ['weights.title', [2, 2.5, 3, 4]],
      ['weights.question', [1.5, 2, 2.5, 3]],
      ['weights.keyword', [1.5, 2, 2.5, 3]],
      ['weights.body', [0.3, 0.6, 1, 1.5]],
      ['weights.centralityFloor', [0.2, 0.35, 0.5, 0.7, 1]],
      ['weights.centralitySpread', [1, 2, 3, 5]],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [key, values] of steps) {
        for (const value of values) {
          const tuning = withValue(current.tuning, key, value);
          const next = await evaluate(tuning, train, test);
          if (next.train.objective > current.train.objective + 1e-9) {
            current = next;
            console.log(`${key}=${value}`, show('a', current.train), '|', show('b', current.test));
          }
        }
      }
    }
  }
  console.log(show('final  a', current.train), '|', show('b', current.test));
  console.log(JSON.stringify(current.tuning, null, 2));
}

function withValue(tuning: SearchTuning, key: string, value: number): SearchTuning {
  if (key.startsWith('weights.')) {
    return { ...tuning, weights: { ...tuning.weights, [key.slice('weights.'.length)]: value } };
  }
  return { ...tuning, [key]: value };
}

await main(process.argv.slice(2));
