/**
 * A small, predictable English stemmer: it only has to map the word forms a
 * resident types and the forms an article uses to the same key
 * ("collected", "collecting", "collection" -> "collect"), not to be linguistically exact.
 */

const VOWEL = /[aeiouy]/;
const KEEP_FINAL_S = /(ss|us|is|ous|ics)$/;
const UNDOUBLE = /([bdfgkmnprt])\1$/;
/** A short consonant-vowel-consonant stem lost its e: "mov(ing)", "rat(ed)", "pil(ed)". */
const SHORT_CVC = /^[^aeiouy]*[aeiouy][^aeiouywx]$/;

const SUFFIXES: readonly (readonly [suffix: string, replacement: string, minStem: number])[] = [
  ['ization', 'iz', 3],
  ['ations', 'at', 3],
  ['ation', 'at', 3],
  ['itions', 'it', 3],
  ['ition', 'it', 3],
  ['ctions', 'ct', 2],
  ['ction', 'ct', 2],
  ['ssions', 'ss', 2],
  ['ssion', 'ss', 2],
  ['nesses', '', 3],
  ['ness', '', 3],
  ['ments', '', 4],
  ['ment', '', 4],
  ['ables', '', 4],
  ['able', '', 4],
  ['ingly', '', 3],
  ['ings', '', 3],
  ['ing', '', 3],
  ['edly', '', 3],
  ['ied', 'y', 2],
  ['ies', 'y', 2],
  ['ed', '', 3],
  ['ers', '', 4],
  ['er', '', 4],
  ['ly', '', 4],
];

/** Words the rules would mangle. */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  business: 'business',
  businesses: 'business',
  news: 'news',
  bus: 'bus',
  buses: 'bus',
  register: 'register',
  registered: 'register',
  registering: 'register',
  registration: 'register',
  registrations: 'register',
};

const cache = new Map<string, string>();

/** The stem of one lower-case, accent-free word. */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const result = computeStem(word);
  if (cache.size < 50_000) cache.set(word, result);
  return result;
}

function computeStem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const exception = Object.hasOwn(EXCEPTIONS, word) ? EXCEPTIONS[word] : undefined;
  if (exception !== undefined) return exception;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('es') && /(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !KEEP_FINAL_S.test(w) && w.length > 3) w = w.slice(0, -1);

  for (const [suffix, replacement, minStem] of SUFFIXES) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length < minStem || !VOWEL.test(base)) continue;
    if (suffix === 'ed' && base.endsWith('e')) continue; // "speed", "need" keep their e
    w = base + replacement;
    if (replacement === '' && UNDOUBLE.test(w))
      w = w.slice(0, -1); // "stopped" -> "stop"
    else if ((suffix === 'ing' || suffix === 'ed') && SHORT_CVC.test(w)) w = `${w}e`; // "moving" -> "move"
    break;
  }
  if (w.length > 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1); // "remove" = "removed"
  if (w.length > 3 && w.endsWith('y') && !VOWEL.test(w.charAt(w.length - 2))) w = `${w.slice(0, -1)}i`;
  return w;
}
