import { removeInvisible } from './invisible-characters.js';
import { TEXT_SPEAK } from './text-speak.js';

/**
 * Text normalisation shared by indexing and querying: one function turns a
 * resident's message and an article into the same plain form (lower case,
 * no accents, no emoji or punctuation, text-speak spelled out).
 */

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
