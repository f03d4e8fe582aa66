import { amountWords, numberAt } from './words.js';

/**
 * How many: "1", "just one", "3 of them", "a couple", "about twenty five",
 * "two lights". Reads the first number of a short answer; undefined when there
 * is none or when the answer gives two different numbers.
 */
export function readCount(text: string | undefined): number | undefined {
  const words = amountWords(text ?? '');
  let found: number | undefined;
  for (let i = 0; i < words.length; i++) {
    const n = numberAt(words, i);
    if (!n) continue;
    // "no" and "none" count only as the whole answer ("none" -> 0), not inside "no idea".
    if ((words[i] === 'no' || words[i] === 'none') && words.length > 1) continue;
    if (found !== undefined && found !== n.value) return undefined;
    found = n.value;
    i += n.length - 1;
  }
  if (found === undefined || !Number.isInteger(found)) return undefined;
  return found;
}

/**
 * A count stated inside a sentence next to what is counted: "3 lights out" with
 * `nouns` ["light"] -> 3. Used to fill a number question from the first message.
 */
export function countOf(text: string, nouns: readonly string[]): number | undefined {
  const words = amountWords(text);
  for (let i = 0; i < words.length; i++) {
    const n = numberAt(words, i);
    if (!n || !Number.isInteger(n.value) || n.value <= 0 || /^\d{3,}$/.test(words[i]!)) continue;
    const before = words[i - 1];
    if (before !== undefined && /^\d/.test(before)) continue;
    const next = words.slice(i + n.length, i + n.length + 3);
    if (next.some((w) => nouns.some((noun) => w === noun || w === `${noun}s` || `${w}s` === noun)))
      return n.value;
  }
  return undefined;
}

const DAYS: Readonly<Record<string, number>> = {
  hour: 1 / 24,
  hr: 1 / 24,
  day: 1,
  night: 1,
  week: 7,
  wk: 7,
  month: 30,
  mo: 30,
  year: 365,
  yr: 365,
};
const unitOf = (word: string): number | undefined => DAYS[word.replace(/s$/, '')];

/** The time unit a question counts in: "About how many days has it been there?" -> day. */
export function timeUnitOf(question: string): string | undefined {
  return amountWords(question).find((w) => unitOf(w) !== undefined && /^[a-z]+$/.test(w));
}

/**
 * A length of time in the question's unit: "2 weeks" to a question in days -> 14,
 * "a month" -> 30, "3 days" -> 3. Undefined without a time unit in the answer.
 */
export function readDuration(text: string | undefined, unit: string): number | undefined {
  const per = unitOf(unit);
  if (per === undefined) return undefined;
  const words = amountWords(text ?? '');
  for (let i = 0; i < words.length; i++) {
    const said = unitOf(words[i]!);
    if (said === undefined) continue;
    const before = i > 0 ? numberAt(words, i - 1) : undefined;
    const twoBefore = i > 1 ? numberAt(words, i - 2) : undefined;
    const amount =
      before?.value ??
      (twoBefore?.length === 2 ? twoBefore.value : undefined) ??
      (/^(?:a|an|one|the|per)$/.test(words[i - 1] ?? '') ? 1 : undefined);
    if (amount === undefined) continue;
    return Math.round((amount * said) / per);
  }
  return undefined;
}
