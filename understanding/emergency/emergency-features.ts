import { createRequire } from 'node:module';
import { CONCEPT_RULES } from './emergency-lexicon.js';
import type { EmergencyReading } from './emergency-screen.js';

/**
 * What the learned second opinion (emergency-model.ts) reads of a message:
 * features that carry to new phrasing, never whole phrases. The same function
 * makes them when the model is trained (scripts/build-emergency-model.ts) and
 * when a message is scored, so the two cannot drift apart.
 *
 *  - `w:` each word's English Porter stem (words as the screen read them, typos corrected);
 *  - `es:` the Spanish Porter stem of a word that is not English;
 *  - `a:` WordNet hypernym ancestors of English content words ("blaze" -> fire), from a table;
 *  - `h:` / `not:` / `x:` / `k:` the rule screen's own signals: which concept's hazard words
 *    matched, which words make a hazard something else, which context lists (a person, a child,
 *    "now") and which markers (negation, past, hypothetical, question, media) the message holds;
 *  - `hz:` a hazard together with the markers of its own clause (`hz:bare` when it stands alone).
 */
export interface FeatureSources {
  /** True for a word of English (the Hunspell dictionary the screen reads with). */
  readonly english: (word: string) => boolean;
  /** Feature ids of a word's WordNet ancestors (`a:...`), none for a word WordNet lacks. */
  readonly ancestors: (word: string) => readonly string[];
}

const requireNatural = createRequire(import.meta.url);
const PorterStemmerEs = requireNatural('natural/lib/natural/stemmers/porter_stemmer_es.js') as {
  stem(word: string): string;
};
const PorterStemmer = requireNatural('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};

/** English function words (stopwords-iso): they carry no WordNet meaning. */
const STOPWORDS_EN: ReadonlySet<string> = new Set(
  (requireNatural('stopwords-iso') as Record<string, readonly string[]>).en ?? [],
);

/** Markers that change what a hazard in their clause means. */
const MARKERS = [
  'neg',
  'nobody',
  'safe',
  'past',
  'hypo',
  'if',
  'question',
  'future',
  'media',
  'now',
  'burden',
  'event',
];

const LETTERS = /^[a-z]+$/;
const stems = new Map<string, readonly string[]>();

/** The stem features of one word (cached). */
function wordFeatures(word: string, sources: FeatureSources): readonly string[] {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const out: string[] = [];
  if (!LETTERS.test(word)) out.push(`w:${word}`);
  else {
    out.push(`w:${word.length >= 4 ? PorterStemmer.stem(word) : word}`);
    const english = sources.english(word);
    if (!english && word.length >= 4) out.push(`es:${PorterStemmerEs.stem(word)}`);
    if (english && word.length >= 3 && !STOPWORDS_EN.has(word)) out.push(...sources.ancestors(word));
  }
  if (stems.size >= 20_000) stems.clear();
  stems.set(word, out);
  return out;
}

/** The list key of a screen hit as a feature: concept names rather than rule numbers. */
function hitFeature(key: string): string {
  const [kind, rest = ''] = key.split(':');
  if (kind === 'h') return `h:${CONCEPT_RULES[Number(rest)]?.concept ?? rest}`;
  if (kind === 'n' || kind === 'c') return `not:${CONCEPT_RULES[Number(rest)]?.concept ?? rest}`;
  if (kind === 'x') return `x:${rest}`;
  return `k:${key}`;
}

/** The features of a message, each once, plus `bias` (the model's intercept). */
export function featuresOf(reading: EmergencyReading, sources: FeatureSources): string[] {
  const features = new Set<string>(['bias']);
  for (const sentence of reading.sentences) {
    for (const clause of sentence) {
      for (const word of clause.words) for (const f of wordFeatures(word, sources)) features.add(f);
      let hazard = false;
      for (const [key, spans] of clause.hits) {
        if (spans.length === 0) continue;
        features.add(hitFeature(key));
        if (key.startsWith('h:')) hazard = true;
      }
      if (!hazard) continue;
      const markers = MARKERS.filter((marker) => clause.hits.has(marker));
      if (markers.length === 0) features.add('hz:bare');
      for (const marker of markers) features.add(`hz:${marker}`);
    }
  }
  const words = reading.wordCount;
  features.add(words <= 3 ? 'len:short' : words <= 40 ? 'len:medium' : 'len:long');
  return [...features];
}

/**
 * A hazard the message itself denies in its clause ("he isn't missing anymore", "nobody is trapped"):
 * the rules have read the denial, and the model, which weighs words one by one, may not overrule it.
 */
const DENIED = ['hz:neg', 'hz:nobody', 'hz:safe'];
export const deniesHazard = (features: readonly string[]): boolean =>
  DENIED.some((feature) => features.includes(feature));
