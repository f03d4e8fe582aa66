import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  BURDENS,
  CHRONIC,
  CONCEPT_RULES,
  CONTEXTS,
  type ConceptRule,
  type ContextName,
  type EmergencyConcept,
  EVENT_REFERENCE,
  FUTURE,
  HAND_WORDS,
  HYPOTHETICAL,
  MEDIA,
  NEGATION,
  NOBODY,
  NOT_EMERGENCY,
  NOW_OVERRIDE,
  ORDINARY_COMPOUNDS,
  PAST,
  QUESTION,
  type Tier,
} from './emergency-lexicon.js';
import { NAME_MARK, sentencesOf } from './emergency-text.js';
import { FuzzyLexicon } from './fuzzy-lexicon.js';

/** natural's Spanish Porter stemmer, loaded alone (its stemmers index loads every language). */
const PorterStemmerEs = createRequire(import.meta.url)(
  'natural/lib/natural/stemmers/porter_stemmer_es.js',
) as {
  stem(word: string): string;
};

/**
 * The emergency screen runs before anything else on every message. It reads
 * danger as concepts (emergency-lexicon.ts): a hazard, what makes it an
 * emergency now, and nothing in its clause that cancels it. Two tiers:
 *
 *  - `clear`: the 911 reply and nothing else;
 *  - `possible`: the normal answer, with a 911 line first.
 *
 * Pure and fast: the lexicons and their fuzzy index are built once, when this
 * module loads; a message costs a few map lookups per word.
 */
export interface EmergencyScreenResult {
  /** True for a clear emergency: the 911 reply and nothing else. */
  readonly emergency: boolean;
  readonly tier: Tier;
  /** What matched, for logs and the staff console (never shown to residents). */
  readonly reason?: string;
  readonly category?: EmergencyConcept;
  /** The words read as the hazard ("fire"), for the staff console. */
  readonly words?: string;
}

/** Words start..end (exclusive) of a clause; `inner` when a phrase with a gap matched (words between are not its own). */
type Span = { readonly start: number; readonly end: number; readonly inner?: boolean };

/** "took ... pills": a gap of up to four words. */
const GAP = '...';
const MAX_GAP = 4;

interface Entry {
  readonly key: string;
  readonly words: readonly string[];
}

/** Every phrase list, under one key each, indexed by its first word. */
const LISTS = new Map<string, readonly string[]>([
  ['mask', ORDINARY_COMPOUNDS.flatMap((phrase) => [phrase, `${phrase}s`])],
  ['neg', NEGATION],
  ['nobody', NOBODY],
  ['past', [...PAST, ...CHRONIC]],
  ['hypo', HYPOTHETICAL],
  ['question', QUESTION],
  ['future', FUTURE],
  ['media', MEDIA],
  ['now', NOW_OVERRIDE],
  ['burden', BURDENS],
  ['event', EVENT_REFERENCE],
  ['calm', NOT_EMERGENCY],
  ...Object.entries(CONTEXTS).map(([name, phrases]) => [`x:${name}`, phrases] as const),
  ...CONCEPT_RULES.flatMap((rule, i) => [
    [`h:${i}`, rule.hazard] as const,
    [`n:${i}`, rule.not ?? []] as const,
    [`c:${i}`, rule.notInClause ?? []] as const,
  ]),
]);

const INDEX = new Map<string, Entry[]>();
const VOCABULARY = new Set<string>();
/** Every word of every list, WordNet's included: read as it is, never corrected into another. */
const EXACT = new Set<string>();
for (const [key, phrases] of LISTS) {
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    // Typos are corrected into hand-written words only; WordNet's are read exactly.
    for (const word of words) if (word !== GAP && HAND_WORDS.has(word)) VOCABULARY.add(word);
    for (const word of words) EXACT.add(word);
    const first = words[0] ?? '';
    const entries = INDEX.get(first) ?? [];
    entries.push({ key, words });
    INDEX.set(first, entries);
  }
}

const LOWER_ASCII = /^[a-z]+$/;

/** The words of a Hunspell dictionary, lower case and without accents ("Bauer" and other names left out). */
function dictionaryWords(name: string): Set<string> {
  const words = new Set<string>();
  const dic = readFileSync(fileURLToPath(new URL('index.dic', import.meta.resolve(name))), 'utf8');
  for (const line of dic.split('\n')) {
    const slash = line.indexOf('/');
    let word = slash < 0 ? line : line.slice(0, slash);
    if (!LOWER_ASCII.test(word)) {
      word = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (!LOWER_ASCII.test(word)) continue;
    }
    if (word.length >= 3) words.add(word);
  }
  return words;
}

const started = performance.now();
/** Words of English and Spanish are read as they are; only other words are corrected. */
const ENGLISH = dictionaryWords('dictionary-en');
const LEXICON = new FuzzyLexicon(VOCABULARY, {
  stems: ENGLISH,
  known: dictionaryWords('dictionary-es'),
});

/** The lexicon word a resident's word is read as ("fier" -> "fire"), or the word itself. */
export const lexiconWord = (word: string): string => LEXICON.lookup(word);

/** How long building the lexicons took (start-up cost, reported by the evaluation). */
export const EMERGENCY_INDEX_STATS = Object.freeze({
  buildMs: performance.now() - started,
  vocabulary: VOCABULARY.size,
  phrases: [...LISTS.values()].reduce((sum, phrases) => sum + phrases.length, 0),
});

/** Where each list's phrases occur in a clause's words. */
function matchClause(words: readonly string[]): Map<string, Span[]> {
  const hits = new Map<string, Span[]>();
  const add = (key: string, span: Span): void => {
    const spans = hits.get(key);
    if (spans) spans.push(span);
    else hits.set(key, [span]);
  };
  const masked = new Set<number>();
  const scan = (onlyMasks: boolean): void => {
    for (let start = 0; start < words.length; start += 1) {
      for (const entry of INDEX.get(words[start] ?? '') ?? []) {
        if ((entry.key === 'mask') !== onlyMasks) continue;
        const end = matchAt(words, start, entry.words, entry.key.startsWith('h:') ? masked : undefined);
        if (end === undefined) continue;
        if (onlyMasks) for (let i = start; i < end; i += 1) masked.add(i);
        else add(entry.key, entry.words.includes(GAP) ? { start, end, inner: true } : { start, end });
      }
    }
  };
  scan(true);
  scan(false);
  return hits;
}

/** End (exclusive) of `phrase` matched at `start`, or undefined. */
function matchAt(
  words: readonly string[],
  start: number,
  phrase: readonly string[],
  masked: ReadonlySet<number> | undefined,
): number | undefined {
  let at = start;
  let gap = 0;
  for (const part of phrase) {
    if (part === GAP) {
      gap = MAX_GAP;
      continue;
    }
    let found = -1;
    for (let i = at; i <= Math.min(at + gap, words.length - 1); i += 1) {
      if (words[i] === part && !masked?.has(i)) {
        found = i;
        break;
      }
    }
    if (found < 0) return undefined;
    at = found + 1;
    gap = 0;
  }
  return at;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const before = (spans: readonly Span[] | undefined, hazard: Span): boolean =>
  (spans ?? []).some((span) => span.end <= hazard.start);

interface Clause {
  readonly words: readonly string[];
  readonly hits: Map<string, Span[]>;
  /** Where the clause starts in its sentence, in words. */
  readonly offset: number;
}

/**
 * A context hit counts unless a negation stands just before it ("no sparks"); the hazard's own
 * negation does not count ("can not find her").
 */
function affirmed(clause: Clause, span: Span, hazard: Span | undefined): boolean {
  return !(clause.hits.get('neg') ?? []).some(
    (neg) =>
      neg.end <= span.start &&
      span.start - neg.end <= 1 &&
      !overlaps(neg, span) &&
      !(hazard !== undefined && overlaps(neg, hazard)),
  );
}

/** Is the hazard at `span` cancelled by its clause or sentence? */
function cancelled(
  rule: ConceptRule,
  index: number,
  clause: Clause,
  sentence: readonly Clause[],
  span: Span,
): boolean {
  const { hits } = clause;
  const window = rule.window ?? CONTEXT_WINDOW;
  if (
    sentence.some((other) =>
      (other.hits.get(`c:${index}`) ?? []).some((hit) => distance(clause, span, other, hit) <= window),
    )
  ) {
    return true;
  }
  if ((hits.get(`n:${index}`) ?? []).some((not) => overlaps(not, span))) return true;

  const negated = (hits.get('neg') ?? []).some(
    (neg) => neg.end <= span.start && span.start - neg.end <= 3 && !overlaps(neg, span),
  );
  if (negated || before(hits.get('nobody'), span)) return true;
  // "after the kitchen fire", "desde el incendio": an event referred to, not one happening.
  if ((hits.get('event') ?? []).some((e) => e.end <= span.start && span.start - e.end <= 3)) return true;
  // "choking me with these rent increases", "drowning in fees": a figure of speech (never for self-harm).
  if (rule.concept !== 'self-harm' && hits.has('burden')) return true;
  const now = hits.get('now') ?? [];
  // The past cancels unless "now" is said nearer the hazard ("there was a bang and now the house is on fire").
  const away = (other: Span): number => Math.abs(other.start - span.start);
  const nearestNow = Math.min(...now.map(away));
  if ((hits.get('past') ?? []).some((past) => away(past) < nearestNow)) return true;
  // The news, a show or a post: cancels unless "now" comes between it and the hazard
  // ("I was watching tv and now smoke is coming out of the outlet").
  const between = (marker: Span): boolean =>
    now.some((n) => (n.start - marker.start) * (n.start - span.start) < 0);
  if ((hits.get('media') ?? []).some((marker) => !between(marker))) return true;
  if (now.length === 0 && sentence.some((other) => other !== clause && other.hits.has('media'))) return true;
  // "could not", "will not wake up" are not hypotheticals.
  const modal = (key: string): Span[] =>
    (hits.get(key) ?? []).filter((marker) => clause.words[marker.end] !== 'not');
  if (before(modal('hypo'), span)) return true;
  // A question starts its clause ("how do i get a smoke alarm"; not "a guy who is not moving").
  if (
    before(
      (hits.get('question') ?? []).filter((marker) => marker.start <= 1),
      span,
    )
  )
    return true;
  if (!rule.intent && before(modal('future'), span)) return true;
  return false;
}

/** Words between two spans of one sentence (0 when they touch or overlap). */
function distance(a: Clause, spanA: Span, b: Clause, spanB: Span): number {
  const aStart = a.offset + spanA.start;
  const aEnd = a.offset + spanA.end;
  const bStart = b.offset + spanB.start;
  const bEnd = b.offset + spanB.end;
  if (bEnd <= aStart) return aStart - bEnd;
  if (aEnd <= bStart) return bStart - aEnd;
  return 0;
}

/** How far (in words) a context may stand from its hazard; a pronoun ("he", "i") must stand closer. */
const CONTEXT_WINDOW = 8;
const PRONOUN_WINDOW = 4;
const PRONOUNS = new Set([
  'i',
  'me',
  'we',
  'us',
  'he',
  'she',
  'they',
  'him',
  'her',
  'them',
  'his',
  'yo',
  'ella',
  'ellos',
]);

/** How many of the rule's context groups stand near the hazard, the hazard's own words aside. */
function contextMet(rule: ConceptRule, sentence: readonly Clause[], own: Clause, span: Span): number {
  const window = rule.window ?? CONTEXT_WINDOW;
  const near = (clause: Clause, hit: Span, after: boolean): boolean => {
    if (after && clause.offset + hit.start < own.offset + span.end) return false;
    const single = hit.end - hit.start === 1 && PRONOUNS.has(clause.words[hit.start] ?? '');
    return distance(own, span, clause, hit) <= (single ? PRONOUN_WINDOW : window);
  };
  /** The hazard's own words do not count as its context (words inside a gap do). */
  const ownWords = (clause: Clause, hit: Span): boolean =>
    clause === own &&
    overlaps(hit, span) &&
    (!span.inner ||
      (hit.start <= span.start && hit.end > span.start) ||
      (hit.start < span.end && hit.end >= span.end));
  let met = 0;
  for (const group of rule.context ?? []) {
    const ok = group.some((name: ContextName) =>
      sentence.some((clause) =>
        (clause.hits.get(`x:${name}`) ?? []).some(
          (hit) =>
            !ownWords(clause, hit) &&
            near(clause, hit, name.endsWith('_AFTER')) &&
            affirmed(clause, hit, clause === own ? span : undefined),
        ),
      ),
    );
    if (!ok) break;
    met += 1;
  }
  return met;
}

const RANK: Readonly<Record<Tier, number>> = { none: 0, possible: 1, clear: 2 };

/**
 * Clear when every context group is there (the hazard, who or what it affects, now); possible when
 * some are (the line is generous: a hazard said in the present with nothing cancelling it);
 * `alone` when none is.
 */
function tierOf(rule: ConceptRule, met: number): Tier {
  const groups = rule.context?.length ?? 0;
  if (met >= groups) return 'clear';
  if (met > 0) return rule.partial ?? 'possible';
  return rule.alone ?? 'possible';
}

const NOT_AN_EMERGENCY: EmergencyScreenResult = Object.freeze({ emergency: false, tier: 'none' });

/** Beyond this many words a message is a report: a clear emergency in it says "now" or asks for help. */
const LONG_MESSAGE_WORDS = 40;
const urgent = (clause: Clause, span: Span): boolean =>
  ['now', 'x:NOW', 'x:HELP'].some((key) => (clause.hits.get(key) ?? []).some((hit) => !overlaps(hit, span)));

/** Messages this short that name a hazard ("Fire!!", "drowning") are a call for help. */
const SHORT_MESSAGE_WORDS = 3;

/**
 * A word as the lexicons know it: a name as written, "5th" and "22nd" as "#th"
 * (a street), the rest through the fuzzy lexicon.
 */
const readWord = (word: string): string => {
  if (word.startsWith(NAME_MARK)) return word.slice(1);
  if (/^\d+(?:st|nd|rd|th)$/.test(word)) return '#th';
  if (/^\d{2,3}$/.test(word)) return HOT.has(Number(word)) ? 'degrees' : word;
  // "bleedin", "missin", "jumpin": the -ing word, when the word itself is not one of the language.
  if (word.length >= 5 && word.endsWith('in') && !ENGLISH.has(word) && VOCABULARY.has(`${word}g`))
    return `${word}g`;
  if (EXACT.has(word)) return word;
  const read = LEXICON.lookup(word);
  return read === word && !VOCABULARY.has(word) ? (spanishForm(word) ?? word) : read;
};

/** A temperature said as a bare number ("it's 95 out"). */
const HOT = new Set(Array.from({ length: 41 }, (_, i) => 85 + i));

/**
 * Spanish forms of the lexicon's Spanish words, by natural's Spanish Porter stemmer: "quemaron",
 * "ahogo", "atrapadas", "desmayada" are read as the lexicon's "quemando", "ahogando", "atrapado",
 * "desmayado". Words of English (the Hunspell dictionary) are never read this way.
 */
const SPANISH_STEMS = new Map<string, string>();
for (const word of VOCABULARY) {
  if (ENGLISH.has(word) || word.length < 5) continue;
  const stem = PorterStemmerEs.stem(word);
  if (stem.length >= 4 && !SPANISH_STEMS.has(stem)) SPANISH_STEMS.set(stem, word);
}
const spanishCache = new Map<string, string | undefined>();
function spanishForm(word: string): string | undefined {
  if (word.length < 5 || ENGLISH.has(word)) return undefined;
  if (spanishCache.has(word)) return spanishCache.get(word);
  const found = SPANISH_STEMS.get(PorterStemmerEs.stem(word));
  if (spanishCache.size >= 20_000) spanishCache.clear();
  spanishCache.set(word, found);
  return found;
}

/** Decides whether a message is a clear or possible emergency, naming the concept that matched. */
export function screenEmergency(text: string): EmergencyScreenResult {
  const sentences = sentencesOf(text.slice(0, 4000)).map((clauses) => {
    let offset = 0;
    return clauses.map((words): Clause => {
      const canonical = words.map(readWord);
      const clause = { words: canonical, hits: matchClause(canonical), offset };
      offset += canonical.length;
      return clause;
    });
  });
  const wordCount = sentences.reduce((n, s) => n + s.reduce((m, c) => m + c.words.length, 0), 0);
  // "It's not an emergency": the resident says so.
  if (sentences.some((sentence) => sentence.some((clause) => clause.hits.has('calm'))))
    return NOT_AN_EMERGENCY;
  let best: { tier: Tier; rule: ConceptRule; words: string } | undefined;
  for (const [index, rule] of CONCEPT_RULES.entries()) {
    for (const sentence of sentences) {
      for (const clause of sentence) {
        for (const span of clause.hits.get(`h:${index}`) ?? []) {
          if (cancelled(rule, index, clause, sentence, span)) continue;
          let tier = tierOf(rule, contextMet(rule, sentence, clause, span));
          if (tier === 'possible' && wordCount <= SHORT_MESSAGE_WORDS) tier = 'clear';
          // A long report tells of a standing problem; an emergency in it is said to be happening now.
          if (tier === 'clear' && wordCount > LONG_MESSAGE_WORDS && !rule.intent && !urgent(clause, span)) {
            tier = 'possible';
          }
          const words = clause.words.slice(span.start, span.end).join(' ');
          if (tier === 'clear')
            return { emergency: true, tier, reason: rule.reason, category: rule.concept, words };
          if (RANK[tier] > RANK[best?.tier ?? 'none']) best = { tier, rule, words };
        }
      }
    }
  }
  if (!best) return NOT_AN_EMERGENCY;
  return {
    emergency: false,
    tier: best.tier,
    reason: best.rule.reason,
    category: best.rule.concept,
    words: best.words,
  };
}
