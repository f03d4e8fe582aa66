import { deniesHazard, featuresOf } from './emergency-features.js';
import { EMERGENCY_MODEL } from './emergency-model-data.js';
import type { EmergencyReading, EmergencyScreenResult } from './emergency-screen.js';

/**
 * The learned second opinion: a logistic regression over concept features
 * (emergency-features.ts), trained when the project is built
 * (scripts/build-emergency-model.ts, natural's LogisticRegressionClassifier on
 * the three development sets) and read here from the generated weights
 * (emergency-model-data.ts). It is asked only where the rules found nothing,
 * and it can give no more than the 911 line: the answer the resident asked for
 * still comes after it. Its threshold was chosen by cross-validation on the
 * development sets (never the held-out set).
 */

/**
 * WordNet ancestors of each word the model has weights for, as the table writes them (indexes
 * into `ancestorIds`, comma-separated): unpacked per word when a message uses it, so some 18,000
 * lemmas cost a string each, not an array of strings each (about 6 MB less heap).
 */
const ANCESTORS = new Map<string, string>();
for (const entry of EMERGENCY_MODEL.ancestorTable.split(';')) {
  const colon = entry.indexOf(':');
  if (colon <= 0) continue;
  ANCESTORS.set(entry.slice(0, colon), entry.slice(colon + 1));
}

const unpack = (indexes: string): readonly string[] =>
  indexes
    .split(',')
    .map((i) => EMERGENCY_MODEL.ancestorIds[Number(i)])
    .filter((id): id is string => id !== undefined);

/** Ways an inflected word may be written from its WordNet lemma ("blazing" -> "blaze"). */
export function lemmaCandidates(word: string): string[] {
  const out = [word];
  const add = (suffix: string, extra = ''): void => {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3)
      out.push(word.slice(0, -suffix.length) + extra);
  };
  add('ies', 'y');
  add('es');
  add('s');
  add('ed');
  add('d');
  add('ing');
  add('ing', 'e');
  // "stopped", "running": a doubled last consonant.
  if (/(?:ed|ing)$/.test(word)) {
    const base = word.replace(/(?:ed|ing)$/, '');
    if (base.length >= 3 && base.at(-1) === base.at(-2)) out.push(base.slice(0, -1));
  }
  return out;
}

/** The `a:` features of a word: its lemma's WordNet ancestors that carry weight in the model. */
function ancestorsOf(word: string): readonly string[] {
  for (const lemma of lemmaCandidates(word)) {
    const found = ANCESTORS.get(lemma);
    if (found !== undefined) return unpack(found);
  }
  return [];
}

/**
 * The model's log-odds that a message tells of danger happening now; -Infinity where the message
 * denies the hazard it names (emergency-features.ts).
 */
export function dangerScore(reading: EmergencyReading, english: (word: string) => boolean): number {
  const features = featuresOf(reading, { english, ancestors: ancestorsOf });
  if (deniesHazard(features)) return Number.NEGATIVE_INFINITY;
  let z = 0;
  for (const feature of features) z += EMERGENCY_MODEL.weights[feature] ?? 0;
  return z;
}

/** The 911 line where the model is confident of danger the rules did not read; otherwise nothing. */
export function secondOpinion(
  reading: EmergencyReading,
  english: (word: string) => boolean,
): EmergencyScreenResult | undefined {
  if (reading.wordCount === 0) return undefined;
  if (dangerScore(reading, english) < EMERGENCY_MODEL.threshold) return undefined;
  return { emergency: false, tier: 'possible', reason: 'possible danger (learned second opinion)' };
}
