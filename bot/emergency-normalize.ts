import { removeInvisible } from '../knowledge/invisible-characters.js';

/**
 * Text normalisation for the emergency screen: how residents really type
 * (text-speak, dropped g's, no accents, no apostrophes) brought to one form the
 * patterns in emergency-patterns.ts can rely on, and the language of a message.
 */

/** Contractions (apostrophes already removed) and text-speak, expanded. */
const EXPANSIONS: Readonly<Record<string, string>> = {
  cant: 'can not',
  cannot: 'can not',
  cnt: 'can not',
  wont: 'will not',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  aint: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  couldnt: 'could not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  hes: 'he is',
  shes: 'she is',
  theres: 'there is',
  thats: 'that is',
  its: 'it is',
  whats: 'what is',
  im: 'i am',
  ive: 'i have',
  youre: 'you are',
  theyre: 'they are',
  theyve: 'they have',
  someones: 'someone is',
  somebodys: 'somebody is',
  u: 'you',
  ur: 'your',
  r: 'are',
  ppl: 'people',
  pls: 'please',
  plz: 'please',
  rn: 'right now',
  b4: 'before',
  smth: 'something',
  sth: 'something',
  sum1: 'someone',
  some1: 'someone',
  som1: 'someone',
  sumone: 'someone',
  sumbody: 'somebody',
  every1: 'everyone',
  no1: 'no one',
  noone: 'no one',
  bc: 'because',
  cuz: 'because',
  gonna: 'going to',
  gunna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  tryna: 'trying to',
  trynna: 'trying to',
  thru: 'through',
  bldg: 'building',
  apt: 'apartment',
  w: 'with',
  n: 'and',
  nd: 'and',
  da: 'the',
  tha: 'the',
  dat: 'that',
  dis: 'this',
  nt: 'not',
  breathin: 'breathing',
  breath: 'breathe',
  wit: 'with',
  crib: 'house',
  fyre: 'fire',
  smel: 'smell',
  bleding: 'bleeding',
  stabed: 'stabbed',
  shoting: 'shooting',
  chocking: 'choking',
  brething: 'breathing',
  breating: 'breathing',
  breathng: 'breathing',
  kidnaped: 'kidnapped',
  suicde: 'suicide',
  sucide: 'suicide',
  suiside: 'suicide',
  ambulence: 'ambulance',
  amblance: 'ambulance',
  q: 'que',
  xq: 'porque',
  pq: 'porque',
  porq: 'porque',
  toy: 'estoy',
  ta: 'esta',
  tan: 'estan',
  xfa: 'por favor',
};

/**
 * Lower case, invisible characters, accents and apostrophes removed, letters repeated 3+ times
 * collapsed ("fiiire"), punctuation turned into spaces, contractions and
 * text-speak expanded. The result starts and ends with a space.
 */
export function normalizeForScreen(text: string): string {
  const words = removeInvisible(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2018\u2019`\u00b4]/g, '')
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ');
  return ` ${words.map((word) => EXPANSIONS[word] ?? restoreDroppedG(word)).join(' ')} `;
}

/** Words that really end in -in (not a dropped g), among those residents might write. */
const REAL_IN_WORDS = new Set([
  'within',
  'begin',
  'cabin',
  'basin',
  'margin',
  'origin',
  'raisin',
  'robin',
  'satin',
  'cousin',
  'latin',
  'martin',
  'austin',
  'kevin',
  'dustin',
  'admin',
  'vitamin',
  'toxin',
  'muffin',
  'coffin',
  'violin',
  'goblin',
  'napkin',
  'pumpkin',
  'bulletin',
  'cumin',
  'insulin',
  'aspirin',
  'resin',
  'dolphin',
  'assassin',
  'javelin',
  'benjamin',
  'franklin',
  'berlin',
  'dublin',
  'colin',
  'gremlin',
  'moccasin',
  'mannequin',
  'kristin',
  'merlin',
  'calvin',
  'marvin',
  'gavin',
  'griffin',
  'gelatin',
  'melanin',
  'jardin',
  'calcetin',
  'boletin',
  'maletin',
  'cojin',
  'patin',
  'festin',
  'delfin',
  'mandarin',
  'botin',
  'motin',
  'mitin',
]);

/** "breathin", "bleedin", "fightin" -> "-ing" (dropped g in text-speak). */
function restoreDroppedG(word: string): string {
  if (
    word.length < 5 ||
    !word.endsWith('in') ||
    /(?:ain|oin|ein|uin)$/.test(word) ||
    REAL_IN_WORDS.has(word)
  ) {
    return word;
  }
  return `${word}g`;
}

const SPANISH_WORDS = new Set([
  'el',
  'la',
  'los',
  'las',
  'de',
  'del',
  'que',
  'y',
  'en',
  'un',
  'una',
  'mi',
  'mis',
  'esta',
  'estan',
  'por',
  'para',
  'se',
  'hay',
  'con',
  'es',
  'su',
  'alguien',
  'ayuda',
  'al',
  'lo',
  'le',
  'pero',
  'muy',
  'casa',
  'calle',
  'vecino',
  'vecina',
  'tengo',
  'tiene',
  'hace',
  'ahora',
  'porque',
  'donde',
  'como',
  'esto',
  'eso',
  'nos',
  'me',
  'hijo',
  'hija',
  'piso',
  'suelo',
  'respira',
  'quiero',
  'ayudenme',
  'favor',
  'ya',
  'estoy',
  'hombre',
  'mujer',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'is',
  'an',
  'my',
  'and',
  'in',
  'to',
  'of',
  'someone',
  'there',
  'help',
  'it',
  'on',
  'he',
  'she',
  'i',
  'you',
  'are',
  'was',
  'with',
  'at',
  'this',
  'that',
  'please',
  'her',
  'his',
  'just',
  'now',
  'what',
  'do',
  'can',
  'not',
  'house',
  'street',
  'man',
  'woman',
  'fire',
  'gas',
  'smell',
  'breathing',
  'going',
  'have',
  'has',
]);

/** True when the message reads as Spanish (more Spanish than English function words, or Spanish punctuation). */
export function looksSpanish(text: string): boolean {
  let spanish = /[¿¡ñ]/i.test(text) ? 2 : 0;
  let english = 0;
  for (const word of normalizeForScreen(text).trim().split(' ')) {
    if (SPANISH_WORDS.has(word)) spanish += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
  }
  return spanish > 0 && spanish >= english;
}
