import { removeInvisible } from './invisible-characters.js';

/**
 * Text normalisation shared by indexing and querying: one function turns a
 * resident's message and an article into the same plain form (lower case,
 * no accents, no emoji or punctuation, text-speak spelled out).
 */

/** Text-speak and common SMS shorthand, spelled out (keys are already lower case). */
const TEXT_SPEAK_WORDS: Readonly<Record<string, string>> = {
  u: 'you',
  ur: 'your',
  r: 'our',
  ya: 'you',
  yu: 'you',
  pls: 'please',
  plz: 'please',
  pleez: 'please',
  thx: 'thanks',
  ty: 'thank you',
  wen: 'when',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  whr: 'where',
  wher: 'where',
  hw: 'how',
  n: 'and',
  w: 'with',
  wo: 'without',
  b4: 'before',
  '2day': 'today',
  '2nite': 'tonight',
  '2night': 'tonight',
  tonite: 'tonight',
  '2morrow': 'tomorrow',
  '2moro': 'tomorrow',
  '2mrw': 'tomorrow',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmw: 'tomorrow',
  tomoro: 'tomorrow',
  '4ever': 'forever',
  every1: 'everyone',
  any1: 'anyone',
  some1: 'someone',
  no1: 'no one',
  ppl: 'people',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  bcuz: 'because',
  cause: 'because',
  abt: 'about',
  nxt: 'next',
  wk: 'week',
  wks: 'weeks',
  yr: 'year',
  yrs: 'years',
  hrs: 'hours',
  hr: 'hour',
  min: 'minute',
  mins: 'minutes',
  govt: 'government',
  dept: 'department',
  ave: 'avenue',
  st: 'street',
  rd: 'road',
  blvd: 'boulevard',
  appt: 'appointment',
  apt: 'apartment',
  msg: 'message',
  txt: 'text',
  info: 'information',
  idk: 'i do not know',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  wont: 'will not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  aint: 'is not',
  im: 'i am',
  ive: 'i have',
  theres: 'there is',
  thats: 'that is',
  whats: 'what is',
  wheres: 'where is',
  whens: 'when is',
  gonna: 'going to',
  gotta: 'got to',
  wanna: 'want to',
  rn: 'right now',
  asap: 'as soon as possible',
  '2': 'to',
  '4': 'for',
};

const TEXT_SPEAK: ReadonlyMap<string, string> = new Map(Object.entries(TEXT_SPEAK_WORDS));

/** Apostrophe contractions that would otherwise leave stray letters behind. */
const CONTRACTIONS: readonly (readonly [RegExp, string])[] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/'m\b/g, ' am'],
  [/'s\b/g, ''],
];

/**
 * Lower-cases, strips accents, emoji and punctuation, expands contractions and
 * text-speak, and collapses whitespace. Digits stay (addresses, "311").
 * `normalizeText("Wen do u pick up my TRASH?? 🗑️")` -> `"when do you pick up my trash"`.
 */
export function normalizeText(text: string): string {
  let s = text.toLowerCase();
  if (NON_ASCII.test(s)) {
    s = removeInvisible(s)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '') // accents: "recolección" -> "recoleccion"
      .replace(/[\u2018\u2019\u02bc`´]/g, "'")
      .replace(/ß/g, 'ss')
      .replace(/ø/g, 'o')
      .replace(/æ/g, 'ae');
  }
  if (s.includes('http')) s = s.replace(/https?:\/\/\S+/g, ' ');
  if (s.includes("'")) for (const [pattern, replacement] of CONTRACTIONS) s = s.replace(pattern, replacement);
  // Anything that is not a letter or digit (punctuation, emoji, symbols; the @ of a handle and
  // the # of a hashtag) separates words.
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  const out: string[] = [];
  for (const word of s.split(' ')) {
    if (word === '') continue;
    out.push(TEXT_SPEAK.get(word) ?? word);
  }
  return out.join(' ');
}

/** Anything beyond printable ASCII and ordinary whitespace needs the full (slower) treatment. */
const NON_ASCII = /[^\t\n\r -~]/;

/** The words of `text` after normalisation. */
export function words(text: string): string[] {
  const normal = normalizeText(text);
  return normal === '' ? [] : normal.split(' ');
}
