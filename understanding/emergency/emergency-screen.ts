import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  ASKS_THE_CITY,
  BURDENS,
  CHRONIC,
  CONCEPT_RULES,
  CONDITIONAL,
  CONTEXTS,
  type ConceptRule,
  type ContextName,
  type EmergencyConcept,
  EVENT_REFERENCE,
  FUTURE,
  HAND_WORDS,
  HYPOTHETICAL,
  MEDIA,
  MODIFIED_NOUNS,
  NEGATION,
  NOBODY,
  NOBODY_AT_RISK,
  NOT_EMERGENCY,
  NOW_OVERRIDE,
  ORDINARY_COMPOUNDS,
  PAST,
  PAST_AUXILIARY,
  QUESTION,
  type Tier,
  WEEKDAYS,
} from './emergency-lexicon.js';
import { NAME_MARK, sentencesOf } from './emergency-text.js';
import { FuzzyLexicon } from './fuzzy-lexicon.js';

/** natural's Porter stemmers, loaded alone (its stemmers index loads every language). */
const requireNatural = createRequire(import.meta.url);
const PorterStemmerEs = requireNatural('natural/lib/natural/stemmers/porter_stemmer_es.js') as {
  stem(word: string): string;
};
const PorterStemmer = requireNatural('natural/lib/natural/stemmers/porter_stemmer.js') as {
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
export type Span = { readonly start: number; readonly end: number; readonly inner?: boolean };

/** "took ... pills": a gap of up to four words. */
const GAP = '...';
const MAX_GAP = 4;

interface Entry {
  readonly key: string;
  readonly words: readonly string[];
  /**
   * The words' English stems, for a phrase of two words or more: "not ... moving" also matches
   * "has not moved", "not ... answering" "will not answer". The first word is matched exactly
   * ("kill me" is not "killing me"), and the phrase's other words keep it specific.
   */
  readonly stems?: readonly string[];
}

/** Every phrase list, under one key each, indexed by its first word. */
const LISTS = new Map<string, readonly string[]>([
  ['mask', ORDINARY_COMPOUNDS.flatMap((phrase) => [phrase, `${phrase}s`])],
  ['neg', NEGATION],
  ['nobody', NOBODY],
  ['safe', NOBODY_AT_RISK],
  ['past', [...PAST, ...CHRONIC]],
  ['hypo', HYPOTHETICAL],
  ['if', CONDITIONAL],
  ['question', QUESTION],
  ['future', FUTURE],
  ['media', MEDIA],
  ['now', NOW_OVERRIDE],
  ['burden', BURDENS],
  ['event', EVENT_REFERENCE],
  ['calm', NOT_EMERGENCY],
  ['asks', ASKS_THE_CITY],
  ['was', PAST_AUXILIARY],
  ['modified', MODIFIED_NOUNS],
  ['weekday', WEEKDAYS],
  ...Object.entries(CONTEXTS).map(([name, phrases]) => [`x:${name}`, phrases] as const),
  ...CONCEPT_RULES.flatMap((rule, i) => [
    [`h:${i}`, rule.hazard] as const,
    [`n:${i}`, rule.not ?? []] as const,
    [`c:${i}`, rule.notInClause ?? []] as const,
  ]),
]);

const INDEX = new Map<string, Entry[]>();
const stemCache = new Map<string, string>();
/** A word's English Porter stem (cached; words with digits or marks are their own stem). */
function stemOf(word: string): string {
  const known = stemCache.get(word);
  if (known !== undefined) return known;
  const stem = /^[a-z]{4,}$/.test(word) ? PorterStemmer.stem(word) : word;
  if (stemCache.size >= 20_000) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}
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
    const inflected = words.filter((word) => word !== GAP).length >= 2 && key !== 'mask';
    const entry: Entry = inflected ? { key, words, stems: words.map(stemOf) } : { key, words };
    const entries = INDEX.get(first) ?? [];
    entries.push(entry);
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
/** True for a word of the English Hunspell dictionary. */
export const isEnglish = (word: string): boolean => ENGLISH.has(word);
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
  const stems = words.map(stemOf);
  const scan = (onlyMasks: boolean): void => {
    for (let start = 0; start < words.length; start += 1) {
      for (const entry of INDEX.get(words[start] ?? '') ?? []) {
        if ((entry.key === 'mask') !== onlyMasks) continue;
        const end = matchAt(words, stems, start, entry, entry.key.startsWith('h:') ? masked : undefined);
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
  stems: readonly string[],
  start: number,
  entry: Entry,
  masked: ReadonlySet<number> | undefined,
): number | undefined {
  let at = start;
  let gap = 0;
  for (const [p, part] of entry.words.entries()) {
    if (part === GAP) {
      gap = MAX_GAP;
      continue;
    }
    // The phrase's head is read exactly ("kill me" is not "killing me"); its other words may inflect.
    const stem = p > 0 ? entry.stems?.[p] : undefined;
    let found = -1;
    for (let i = at; i <= Math.min(at + gap, words.length - 1); i += 1) {
      if ((words[i] === part || (stem !== undefined && stems[i] === stem)) && !masked?.has(i)) {
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

export interface Clause {
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
  const negations = (clause.hits.get('neg') ?? []).filter(
    (neg) => !overlaps(neg, span) && !(hazard !== undefined && overlaps(neg, hazard)),
  );
  if (negations.some((neg) => neg.end <= span.start && span.start - neg.end <= 1)) return false;
  // A pronoun that is the subject of a denied verb tells of what did not happen to its person
  // ("so buried in stuff i did not see it"): it does not put that person at risk.
  const pronoun = span.end - span.start === 1 && PRONOUNS.has(clause.words[span.start] ?? '');
  return !(pronoun && negations.some((neg) => neg.start >= span.end && neg.start - span.end <= 1));
}

/**
 * Context lists that name a thing or a person: the one nearest a hazard is what the hazard is about
 * ("the trench caved in on a worker on our street": the trench, not the street).
 */
const ENTITIES: ReadonlySet<ContextName> = new Set<ContextName>([
  'PERSON',
  'CHILD',
  'WANDERER',
  'PLACE',
  'VEHICLE',
  'WATER',
  'STRUCTURE',
  'AT_RISK',
  'WEAPON',
  'INTRUDER',
  'HOME',
  'ELEVATOR',
  'HIGH_PLACE',
  'IN_CAR',
  'ELECTRIC',
  'BODY_PART',
]);

/**
 * Words from the hazard to the nearest thing or person its rule is about, in its sentence, or
 * Infinity. Not for intent: who threatens ("my boss is going to kill me") is not what is threatened.
 */
function nearestEntity(rule: ConceptRule, sentence: readonly Clause[], own: Clause, span: Span): number {
  let nearest = Number.POSITIVE_INFINITY;
  if (rule.intent) return nearest;
  for (const name of new Set((rule.context ?? []).flat())) {
    if (!ENTITIES.has(name)) continue;
    for (const clause of sentence) {
      for (const hit of clause.hits.get(`x:${name}`) ?? []) {
        if (clause === own && overlaps(hit, span)) continue;
        // The one writing ("won't answer me") is not what the hazard is about.
        if (hit.end - hit.start === 1 && SPEAKER.has(clause.words[hit.start] ?? '')) continue;
        nearest = Math.min(nearest, distance(own, span, clause, hit));
      }
    }
  }
  return nearest;
}

/** Determiners that point back to something already told ("the fire", "that fire", "el incendio"). */
const DEFINITE = new Set(['the', 'that', 'this', 'el', 'la', 'ese', 'esa', 'aquel', 'aquella']);
/** Subjects after which "is a ..." is not a figure ("there is a fire", "it is a fire"). */
const EXPLETIVE = new Set(['there', 'it', 'this', 'that', 'here', 'what', 'which', 'who']);
const COPULA = new Set(['is', 'was', 'are', 'were', 's', 'be']);
const INTENSIFIER = new Set(['total', 'complete', 'absolute', 'utter', 'real', 'such']);
/** Just before a hazard, these make it a topic ("talk to kids about drowning", "charla sobre incendios"). */
const TOPIC = new Set(['about', 'sobre', 'acerca']);
const PLAN = new Set(['plan', 'planning', 'prepare', 'preparing']);
const SPEAKER = new Set(['i', 'me', 'we', 'us', 'yo']);
const LOCATION = new Set(['on', 'in', 'at', 'near', 'by', 'behind', 'outside', 'en', 'cerca', 'junto']);

/**
 * "The new schedule is a car crash", "a total trainwreck": a hazard named as what something is, not
 * as something happening. A subject of "there", "it" or "this" is the hazard itself ("there is a fire").
 */
function figureOfSpeech(words: readonly string[], start: number): boolean {
  for (const skip of [0, 1]) {
    const before = start - 1 - skip;
    const word = words[before];
    if (word === undefined) return false;
    if (INTENSIFIER.has(word)) return true;
    if ((word === 'a' || word === 'an') && COPULA.has(words[before - 1] ?? '')) {
      const subject = words[before - 2];
      return subject !== undefined && !EXPLETIVE.has(subject);
    }
  }
  return false;
}

/** Why a hazard does not count, or undefined when it does: `past` for an event told of as over. */
type Cancel = 'past' | 'other';

/** Is the hazard at `span` cancelled by its clause or sentence? */
function cancelled(
  rule: ConceptRule,
  index: number,
  clause: Clause,
  sentence: readonly Clause[],
  span: Span,
): Cancel | undefined {
  const { hits } = clause;
  const window = rule.window ?? CONTEXT_WINDOW;
  // A word that makes the hazard something else, unless a thing or person of the rule stands nearer
  // ("the sidewalk collapsed" is a sidewalk; "the trench caved in on a worker on our street" is not).
  const entity = nearestEntity(rule, sentence, clause, span);
  if (
    sentence.some((other) =>
      (other.hits.get(`c:${index}`) ?? []).some((hit) => {
        const far = distance(clause, span, other, hit);
        // "lying on the sidewalk": after a preposition the word says where, not what.
        const where = [1, 2].some((back) => LOCATION.has(other.words[hit.start - back] ?? ''));
        return far <= window && !(entity < far) && !(where && entity < Number.POSITIVE_INFINITY);
      }),
    )
  ) {
    return 'other';
  }
  if ((hits.get(`n:${index}`) ?? []).some((not) => overlaps(not, span))) return 'other';
  if (!rule.intent && TOPIC.has(clause.words[span.start - 1] ?? '')) return 'other';
  if (!rule.intent && figureOfSpeech(clause.words, span.start)) return 'other';

  const negated = (hits.get('neg') ?? []).some(
    (neg) => neg.end <= span.start && span.start - neg.end <= 3 && !overlaps(neg, span),
  );
  if (negated || before(hits.get('nobody'), span)) return 'other';
  // "The wall fell down but nobody was near it": no one at risk, said of what the sentence told before
  // (not of what follows: "nobody is hurt but the car is on fire").
  if (sentence.some((other) => other.offset >= clause.offset && other.hits.has('safe'))) return 'other';
  // "after the kitchen fire", "desde el incendio": an event referred to, not one happening.
  if ((hits.get('event') ?? []).some((e) => e.end <= span.start && span.start - e.end <= 3)) return 'past';
  // "choking me with these rent increases", "drowning in fees": a figure of speech (never for self-harm).
  if (rule.concept !== 'self-harm' && hits.has('burden')) return 'other';
  const now = hits.get('now') ?? [];
  // The past cancels unless "now" is said nearer the hazard ("there was a bang and now the house is on fire").
  const away = (other: Span): number => Math.abs(other.start - span.start);
  const nearestNow = Math.min(...now.map(away));
  // A denied telling of the past is no past: "can not put it out" is a fire still burning.
  const deniedPast = (past: Span): boolean =>
    (hits.get('neg') ?? []).some((neg) => neg.end <= past.start && past.start - neg.end <= 1);
  if ((hits.get('past') ?? []).some((past) => away(past) < nearestNow && !deniedPast(past))) return 'past';
  // The news, a show or a post: cancels unless "now" comes between it and the hazard
  // ("I was watching tv and now smoke is coming out of the outlet").
  const between = (marker: Span): boolean =>
    now.some((n) => (n.start - marker.start) * (n.start - span.start) < 0);
  if ((hits.get('media') ?? []).some((marker) => !between(marker))) return 'other';
  if (now.length === 0 && sentence.some((other) => other !== clause && other.hits.has('media')))
    return 'other';
  // "could not", "will not wake up" are not hypotheticals.
  const modal = (key: string): Span[] =>
    (hits.get(key) ?? []).filter((marker) => clause.words[marker.end] !== 'not');
  // "I have a plan to end things": a plan is the danger where intent is.
  const hypothetical = modal('hypo').filter(
    (marker) => !(rule.intent && PLAN.has(clause.words[marker.start] ?? '')),
  );
  if (before(hypothetical, span) || before(hits.get('if'), span)) return 'other';
  // "If a power line falls on my car, do I stay inside?": a condition opening the sentence governs
  // all of it, unless a clause says "now".
  const opening = sentence[0];
  if (
    now.length === 0 &&
    opening !== undefined &&
    opening !== clause &&
    opening.words.length > 2 &&
    (opening.hits.get('if') ?? []).some((marker) => marker.start <= 4)
  ) {
    return 'other';
  }
  // A question starts its clause ("how do i get a smoke alarm"; not "a guy who is not moving").
  if (
    before(
      (hits.get('question') ?? []).filter((marker) => marker.start <= 1),
      span,
    )
  )
    return 'other';
  if (!rule.intent && before(modal('future'), span)) return 'other';
  return undefined;
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

/**
 * A past auxiliary stands right before the hazard or one word before it ("he was hit", "was all
 * bleeding"), or after it with the hazard as its subject, up to three words on ("gun shots or
 * fireworks were heard"; not "is missing, he was playing out front").
 */
const toldAsPast = (clause: Clause, span: Span): boolean =>
  (clause.hits.get('was') ?? []).some(
    (hit) =>
      (hit.end <= span.start && span.start - hit.end <= 1) ||
      (hit.start >= span.end && hit.start - span.end <= 3 && !subjectBetween(clause, span.end, hit.start)),
  );

/** A person or pronoun between two points of a clause: the start of another telling ("missing, he was playing"). */
const subjectBetween = (clause: Clause, from: number, to: number): boolean =>
  (clause.hits.get('x:PERSON') ?? []).some((hit) => hit.start >= from && hit.end <= to);

/** Messages this short that name a hazard ("Fire!!", "drowning") are a call for help. */
const SHORT_MESSAGE_WORDS = 3;

/**
 * A word as the lexicons know it: a name as written, "5th" and "22nd" as "#th"
 * (a street), the rest through the fuzzy lexicon.
 */
const readWord = (word: string): string => {
  if (word.startsWith(NAME_MARK)) return word.slice(1);
  if (/^\d+(?:st|nd|rd|th)$/.test(word)) return '#th';
  if (/^\d{2,3}$/.test(word) && HOT.has(Number(word))) return 'degrees';
  // A count ("like 20 of her pills", "ate maybe ten"): AMOUNT reads "#n".
  if (/^\d{1,2}$/.test(word) && Number(word) >= 5) return '#n';
  // A year ("in 2019") is a time gone by: PAST reads "in #year".
  if (/^(?:19|20)\d\d$/.test(word)) return '#year';
  // "bleedin", "missin", "jumpin": the -ing word, when the word itself is not one of the language.
  if (word.length >= 5 && word.endsWith('in') && !ENGLISH.has(word) && VOCABULARY.has(`${word}g`))
    return `${word}g`;
  if (EXACT.has(word)) return word;
  // "smokes", "tooked": a lexicon word with a plural or tense ending it does not have in the lexicon.
  for (const ending of ['s', 'ed']) {
    const base = word.slice(0, -ending.length);
    if (word.endsWith(ending) && !word.endsWith(`s${ending}`) && base.length >= 4 && VOCABULARY.has(base))
      return base;
  }
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
const PARTICIPLE = /(?:ad|id)(?:o|a|os|as)$/;
function spanishForm(word: string): string | undefined {
  if (word.length < 5 || ENGLISH.has(word)) return undefined;
  if (spanishCache.has(word)) return spanishCache.get(word);
  let found = SPANISH_STEMS.get(PorterStemmerEs.stem(word));
  // A participle names a state, not the act: "la casa quemada" is not "quemando".
  if (found !== undefined && PARTICIPLE.test(word) && !PARTICIPLE.test(found)) found = undefined;
  if (spanishCache.size >= 20_000) spanishCache.clear();
  spanishCache.set(word, found);
  return found;
}

/** A message as the screen reads it: sentences of clauses, each clause's words as the lexicons know them and where each list matched. */
export interface EmergencyReading {
  readonly sentences: readonly (readonly Clause[])[];
  readonly wordCount: number;
}

/** Reads a message into sentences of clauses, words corrected and every list matched. */
export function readEmergencyText(text: string): EmergencyReading {
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
  return { sentences, wordCount };
}

/** "It's not an emergency": the resident says so. */
export const saysNotAnEmergency = (reading: EmergencyReading): boolean =>
  reading.sentences.some((sentence) => sentence.some((clause) => clause.hits.has('calm')));

/** The rules alone on a message read by readEmergencyText: clear, possible, or none. */
export function screenByRules({ sentences, wordCount }: EmergencyReading): EmergencyScreenResult {
  if (saysNotAnEmergency({ sentences, wordCount })) return NOT_AN_EMERGENCY;
  let best: { tier: Tier; rule: ConceptRule; words: string } | undefined;
  /** Concepts the message tells of as over ("our house caught fire in March"). */
  const over = new Set<EmergencyConcept>();
  const asksTheCity = sentences.some((sentence) => sentence.some((clause) => clause.hits.has('asks')));
  for (const [index, rule] of CONCEPT_RULES.entries()) {
    for (const sentence of sentences) {
      for (const clause of sentence) {
        for (const span of clause.hits.get(`h:${index}`) ?? []) {
          // "an active shooter drill", "a 911 dispatcher": the hazard word names a kind of thing.
          if ((clause.hits.get('modified') ?? []).some((hit) => hit.start === span.end)) continue;
          const why = cancelled(rule, index, clause, sentence, span);
          if (why === 'past') over.add(rule.concept);
          if (why !== undefined) continue;
          // "... the burned debris from the fire": the event already told of as over, unless "now".
          if (
            over.has(rule.concept) &&
            !clause.hits.has('now') &&
            [1, 2].some((back) => DEFINITE.has(clause.words[span.start - back] ?? ''))
          ) {
            continue;
          }
          let tier = tierOf(rule, contextMet(rule, sentence, clause, span));
          if (tier === 'possible' && wordCount <= SHORT_MESSAGE_WORDS) tier = 'clear';
          // A long report tells of a standing problem; an emergency in it is said to be happening now.
          if (tier === 'clear' && wordCount > LONG_MESSAGE_WORDS && !rule.intent && !urgent(clause, span)) {
            tier = 'possible';
          }
          // A complaint asking the city to act, an event told in the past tense ("my son was hit by a
          // car") or on a day of the week ("got broke into tues"): the 911 line, unless the resident
          // says it is happening now or asks for help.
          if (
            tier === 'clear' &&
            !rule.intent &&
            !urgent(clause, span) &&
            (asksTheCity || sentence.some((other) => other.hits.has('weekday')) || toldAsPast(clause, span))
          ) {
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

/**
 * The rules alone: whether a message is a clear or possible emergency, naming the concept that
 * matched. The pipeline uses `screenEmergency` (emergency-second-opinion.ts), these rules with the
 * learned second opinion.
 */
export function screenEmergencyByRules(text: string): EmergencyScreenResult {
  return screenByRules(readEmergencyText(text));
}
