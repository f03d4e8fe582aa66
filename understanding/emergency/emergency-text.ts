import { removeInvisible, spellOut } from '../text/index.js';

/**
 * How the emergency screen reads a message: plain lower-case words (no
 * accents, no apostrophes, letters typed three times or more kept once),
 * text-speak spelled out with the one table (understanding/text), and the
 * message cut into sentences and clauses so an emergency at the end of a long
 * complaint is read on its own. Misspellings are left to the fuzzy lexicon
 * (fuzzy-lexicon.ts).
 */

/** Shorthand only the screen needs (people, and Spanish SMS); the rest is the shared table. */
const SCREEN_SHORTHAND: Readonly<Record<string, string>> = {
  someones: 'someone is',
  somebodys: 'somebody is',
  nobodys: 'nobody is',
  bf: 'boyfriend',
  gf: 'girlfriend',
  bro: 'brother',
  bby: 'baby',
  lil: 'little',
  sis: 'sister',
  crib: 'house',
  bldg: 'building',
  yo: 'year old',
  xq: 'porque',
  pq: 'porque',
  toy: 'estoy',
  ta: 'esta',
  tan: 'estan',
  dnt: 'do not',
  kms: 'kill myself',
  kys: 'kill yourself',
  in2: 'into',
  tn: 'tonight',
  tonite: 'tonight',
  fent: 'fentanyl',
  oded: 'overdosed',
};

const spelledOut = (word: string): string => SCREEN_SHORTHAND[word] ?? spellOut(word);

/** "2yo" -> "2 yo", so the age reads as "year old". */
const AGE = /(\d+)(yo|y\/o)\b/g;

/** "OD'd", "ODd", "od'ed": overdosed (before apostrophes go, "od'd" would read as "odd"). */
const OVERDOSED = /\b[Oo][Dd]['\u2019]e?d\b|\bODe?d\b/g;

/**
 * One message as the screen reads it: sentences of clauses of words. A word
 * written as a name in the middle of a sentence ("18 Fiore", "Palmieri Ave")
 * starts with NAME_MARK: it is read as written, never corrected.
 */
export type Sentence = readonly (readonly string[])[];
export const NAME_MARK = '^';

/** No invisible characters, accents or apostrophes, repeated letters collapsed; case kept. */
function simplify(text: string): string {
  return removeInvisible(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(OVERDOSED, 'oded')
    .replace(/['\u2018\u2019`\u00b4]/g, '')
    .replace(AGE, '$1 $2')
    .replace(/([a-zA-Z])\1{2,}/g, '$1');
}

const TITLE_CASE = /^[A-Z][a-z]+$/;

function wordsOf(clause: string, first: boolean, names: boolean): string[] {
  const words: string[] = [];
  for (const written of clause.split(/[^a-zA-Z0-9]+/)) {
    if (written === '') continue;
    const word = written.toLowerCase();
    const expanded = spelledOut(word);
    if (expanded !== word) words.push(...expanded.split(' '));
    else if (names && !(first && words.length === 0) && TITLE_CASE.test(written))
      words.push(NAME_MARK + word);
    else words.push(word);
  }
  return words;
}

/** Words that start a new clause: what follows is said on its own ("nobody is hurt but the car is on fire"). */
const CLAUSE_BREAK_ANY_CASE = /\b(?:but|pero|however|although|though|aunque|anyway|also|plus|sin embargo)\b/i;

/**
 * Sentences (split at . ! ? ; line breaks and emoji, which end a thought the way
 * a full stop does in a text message) of clauses (split at commas,
 * dashes and "but"/"pero"), each a list of words. Empty clauses are dropped.
 */
export function sentencesOf(text: string): Sentence[] {
  const simple = simplify(text);
  // Names stand out only where most words are not capitalised ("Gas Leak In My Kitchn" has none).
  const all = simple.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  const names = all.filter((word) => TITLE_CASE.test(word)).length * 2 < all.length;
  const sentences: Sentence[] = [];
  for (const sentence of simple.split(/[.!?;\n]+|\p{Extended_Pictographic}+/u)) {
    const clauses = sentence
      .split(/,|\s-+\s|\(|\)/)
      .flatMap((part) => part.split(CLAUSE_BREAK_ANY_CASE))
      .map((clause, i) => wordsOf(clause, i === 0, names))
      .filter((words) => words.length > 0);
    if (clauses.length > 0) sentences.push(clauses);
  }
  return sentences;
}

const SPANISH_WORDS = new Set(
  `el la los las de del que y en un una mi mis esta estan por para se hay con es su alguien ayuda al lo le pero
  muy casa calle vecino vecina tengo tiene hace ahora porque donde como esto eso nos me hijo hija piso suelo
  respira quiero ayudenme favor ya estoy hombre mujer senor senora abuela abuelo nino nina bebe carro`.split(
    /\s+/,
  ),
);
const ENGLISH_WORDS = new Set(
  `the is an my and in to of someone there help it on he she i you are was with at this that please her his
  just now what do can not house street man woman fire gas smell breathing going have has`.split(/\s+/),
);

/** True when the message reads as Spanish (more Spanish than English function words, or Spanish punctuation). */
export function looksSpanish(text: string): boolean {
  let spanish = /[¿¡ñ]/i.test(text) ? 2 : 0;
  let english = 0;
  for (const sentence of sentencesOf(text)) {
    for (const clause of sentence) {
      for (const marked of clause) {
        const word = marked.startsWith(NAME_MARK) ? marked.slice(1) : marked;
        if (SPANISH_WORDS.has(word)) spanish += 1;
        if (ENGLISH_WORDS.has(word)) english += 1;
      }
    }
  }
  return spanish > 0 && spanish >= english;
}
