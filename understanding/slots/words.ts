import { createRequire } from 'node:module';
import { SPANISH } from '../text/spanish-words.js';
import { SPANISH_ONLY_STOPWORDS } from '../text/stopwords.js';
import { CONCEPT_GROUPS } from '../text/synonyms.js';
import { simplify } from './simplify.js';

/** natural's Porter stemmer, loaded by path so the rest of natural (WordNet, classifiers) is not. */
const PorterStemmer = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};

/**
 * The words of a resident's answer, as the slot readers compare them: simplified
 * (lower case, no accents or punctuation), split, and stemmed with natural's
 * Porter stemmer ("flickering" and "flickers" -> "flicker"). Numbers in words
 * ("two", "a couple", "half") read as numbers.
 */
export const wordsOf = (text: string): string[] => simplify(text).split(' ').filter(Boolean);

export const stem = (word: string): string => PorterStemmer.stem(word);

/** Words that carry no meaning of their own in a short answer. */
const FILLER = new Set(
  `a an the my our your its it it's is are was were be been i im i'm we you they he she this that these those
  there theres here of to in on at by for from with and or but so just about like around maybe probably
  think guess kind sort some any one ones please thanks thank yes ok okay well um uh its it s am
  bout abt kinda sorta pretty lol tbh`.split(/\s+/),
);

/** A filler word of English, or a function word only Spanish has ("el", "la", "en", "del"). */
export const isFiller = (word: string): boolean =>
  FILLER.has(word) || SPANISH_ONLY_STOPWORDS.has(word) || word.length < 2;

/** Each word of the search's concept groups -> the group's concept ("couch" -> furniture, "weeds" -> overgrown). */
const CONCEPT = new Map<string, string>(
  CONCEPT_GROUPS.flatMap((group) => group.map((w): [string, string] => [w, group[0]!])),
);

/**
 * The concept a word stands for, so a resident's word meets a label's word:
 * Spanish read as the English word it translates ("basura" -> trash, "pared" ->
 * wall), then the search's synonym groups ("couch" -> furniture, "garbage" ->
 * trash). The search's own vocabulary (understanding/text), not a second list.
 */
export function conceptOf(word: string): string {
  const english = SPANISH[word] ?? word;
  return CONCEPT.get(english) ?? english;
}

/**
 * The meaningful words of a text, as concepts, stemmed. Numbers in words keep
 * their meaning: "single" and "one" read as 1, so "single family" meets
 * "One-family".
 */
export const contentStems = (text: string): string[] =>
  wordsOf(text).flatMap((w) => {
    const n = /^(?:one|single|two|three|four|five)$/.test(w) ? numberOf(w) : undefined;
    if (n !== undefined) return [`#${n}`];
    return isFiller(w) ? [] : [stem(conceptOf(w))];
  });

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  none: 0,
  no: 0,
  one: 1,
  single: 1,
  two: 2,
  both: 2,
  couple: 2,
  pair: 2,
  three: 3,
  few: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  half: 0.5,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
};

/** A number written as digits ("3", "2.5", "1/2") or a word ("three", "couple", "half"), else undefined. */
export function numberOf(word: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(word)) return Number(word);
  const fraction = /^(\d+)\/(\d+)$/.exec(word);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return UNITS[word];
}

/** "twenty five" -> 25: a tens word followed by a unit word. */
export function numberAt(words: readonly string[], i: number): { value: number; length: number } | undefined {
  const first = numberOf(words[i] ?? '');
  if (first === undefined) return undefined;
  const second = numberOf(words[i + 1] ?? '');
  if (first >= 20 && first % 10 === 0 && second !== undefined && second > 0 && second < 10)
    return { value: first + second, length: 2 };
  return { value: first, length: 1 };
}

/**
 * Words for reading amounts: like wordsOf, but "2.5", "1/2", 2' and 6" survive,
 * and "2ft" / "6in" split into number and unit.
 */
export function amountWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/(\d)\s*'(?!\w)/g, '$1 ft ')
    .replace(/(\d)\s*"/g, '$1 in ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}./]+/gu, ' ')
    .replace(/(?<!\d)[./]|[./](?!\d)/g, ' ')
    .split(' ')
    .filter(Boolean);
}
