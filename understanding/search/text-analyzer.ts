import { normalizeText } from '../text/normalize.js';
import { SPANISH } from '../text/spanish-words.js';
import { stem } from '../text/stemmer.js';
import { STOPWORDS, WEAK_WORDS } from '../text/stopwords.js';
import { CONCEPT_GROUPS, PHRASES, REPLACEMENTS } from '../text/synonyms.js';

/**
 * Turns text into index terms: normalise, spot multiword phrases, map Spanish
 * words to English concepts, drop stopwords and numbers, reduce word forms and
 * fold synonyms into one concept. Articles and questions go through the same
 * function, so they meet on the same terms.
 */
export interface AnalyzedText {
  /** Content terms in order (duplicates kept), then the concept words phrases added. */
  readonly terms: readonly string[];
  /** The normalised word each of the first `words.length` terms came from (for typo correction). */
  readonly words: readonly string[];
}

const KEEP_NUMBERS = new Set(['311', '911']);

const CONCEPTS: ReadonlyMap<string, string> = buildConcepts();

function buildConcepts(): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of CONCEPT_GROUPS) {
    const head = group[0];
    if (head === undefined) continue;
    const concept = stem(head);
    for (const word of group) map.set(stem(word), concept);
  }
  return map;
}

/** The index term for one normalised word, or undefined when it carries no topic. */
export function termOf(word: string): string | undefined {
  const english = spanishToEnglish(word) ?? word;
  if (STOPWORDS.has(english) || STOPWORDS.has(word)) return undefined;
  if (/\d/.test(english) && !KEEP_NUMBERS.has(english)) return undefined;
  if (english.length < 2) return undefined;
  const stemmed = stem(english);
  return CONCEPTS.get(stemmed) ?? stemmed;
}

const SPANISH_WORDS: ReadonlyMap<string, string> = new Map(Object.entries(SPANISH));

function spanishToEnglish(word: string): string | undefined {
  const direct = SPANISH_WORDS.get(word);
  if (direct !== undefined) return direct;
  if (word.length > 4 && word.endsWith('es')) {
    const singular = SPANISH_WORDS.get(word.slice(0, -2));
    if (singular !== undefined) return singular;
  }
  if (word.length > 3 && word.endsWith('s')) return SPANISH_WORDS.get(word.slice(0, -1));
  return undefined;
}

const WEAK_TERMS: ReadonlySet<string> = new Set(
  [...WEAK_WORDS].map((word) => termOf(word)).filter((term): term is string => term !== undefined),
);

/** Whether a term is too general to pick a topic on its own (see WEAK_WORDS). */
export function isWeakTerm(term: string): boolean {
  return WEAK_TERMS.has(term);
}

const analysisCache = new Map<string, AnalyzedText>();

/** Analyses `text` into index terms (see the module comment). */
export function analyze(text: string): AnalyzedText {
  const cached = analysisCache.get(text);
  if (cached !== undefined) return cached;
  let normal = normalizeText(text);
  for (const [pattern, concept] of REPLACEMENTS) normal = normal.replace(pattern, concept);
  const terms: string[] = [];
  const words: string[] = [];
  if (normal !== '') {
    for (const word of normal.split(' ')) {
      const term = termOf(word);
      if (term === undefined) continue;
      terms.push(term);
      words.push(word);
    }
    for (const [pattern, concept] of PHRASES) {
      pattern.lastIndex = 0;
      const count = normal.match(pattern)?.length ?? 0;
      const term = count > 0 ? termOf(concept) : undefined;
      if (term !== undefined && !terms.includes(term)) terms.push(term);
    }
  }
  const result: AnalyzedText = { terms, words };
  if (analysisCache.size > 2_000) analysisCache.clear();
  analysisCache.set(text, result);
  return result;
}
