import { amountWords, numberAt } from './words.js';

/**
 * How big something is, from a resident's words, as an approximate width in
 * inches: a measurement ("two feet", "about 2 ft wide", "6 inches", "1.5 m"),
 * a size word ("huge", "tiny") or an everyday object ("like a manhole", "the
 * size of a dinner plate"). A list of size choices ("Smaller than a dinner
 * plate", "About a tire wide", "Larger than a tire") is read the same way, so a
 * service's own labels decide which choice a size falls in.
 */
const UNIT_INCHES: Readonly<Record<string, number>> = {
  in: 1,
  inch: 1,
  inches: 1,
  ft: 12,
  foot: 12,
  feet: 12,
  yd: 36,
  yard: 36,
  yards: 36,
  cm: 0.3937,
  centimeter: 0.3937,
  centimeters: 0.3937,
  m: 39.37,
  meter: 39.37,
  meters: 39.37,
  metre: 39.37,
  metres: 39.37,
};

/** Size words, as a typical width in inches. */
const SIZE_WORDS: Readonly<Record<string, number>> = {
  tiny: 3,
  little: 6,
  small: 6,
  smallish: 8,
  minor: 6,
  medium: 18,
  moderate: 18,
  mid: 18,
  decent: 24,
  sizable: 30,
  sizeable: 30,
  big: 36,
  bigger: 36,
  large: 36,
  larger: 36,
  wide: 36,
  huge: 48,
  giant: 60,
  massive: 60,
  enormous: 60,
  gigantic: 60,
  monster: 60,
  crater: 60,
  grande: 36,
  enorme: 60,
  pequeno: 6,
};

/** Everyday objects people compare sizes to, by typical width in inches. */
const OBJECTS: Readonly<Record<string, number>> = {
  coin: 1,
  golf: 2,
  egg: 2,
  baseball: 3,
  softball: 4,
  fist: 4,
  hand: 7,
  shoe: 11,
  football: 11,
  basketball: 10,
  plate: 10,
  dinner: 10,
  bowl: 8,
  pizza: 14,
  bucket: 12,
  hubcap: 16,
  laptop: 14,
  tire: 25,
  tyre: 25,
  wheel: 25,
  manhole: 24,
  can: 24,
  bathtub: 60,
  tub: 60,
  mattress: 60,
  bed: 60,
  couch: 84,
  sofa: 84,
  car: 180,
  truck: 220,
  room: 144,
};

const COMPARISON =
  /\b(?:like|size of|sized|as (?:big|large|wide) as|bigger than|larger than|smaller than|about|around|almost|nearly)\b/;

export interface SizeReading {
  readonly inches: number;
  /** How it was said: a measurement, a size word, or an object. */
  readonly by: 'measure' | 'word' | 'object';
}

function measure(words: readonly string[]): number | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let n = numberAt(words, i);
    let at = i;
    // "a foot", "half a foot", "a yard": a or an before a unit is one.
    if (!n && (word === 'a' || word === 'an') && UNIT_INCHES[words[i + 1] ?? '']) n = { value: 1, length: 1 };
    if (n?.value === 0.5 && (words[i + 1] === 'a' || words[i + 1] === 'an')) at = i + 1;
    if (!n) continue;
    let unitAt = at + n.length;
    // "3 by 4 feet", "3 x 4 ft": the larger side.
    let value = n.value;
    if ((words[unitAt] === 'by' || words[unitAt] === 'x') && numberAt(words, unitAt + 1)) {
      value = Math.max(value, numberAt(words, unitAt + 1)!.value);
      unitAt += 2;
    }
    const unit = UNIT_INCHES[words[unitAt] ?? ''];
    if (unit !== undefined && value > 0) return value * unit;
  }
  return undefined;
}

export function readSize(text: string | undefined): SizeReading | undefined {
  const words = amountWords(text ?? '');
  if (words.length === 0) return undefined;
  const measured = measure(words);
  if (measured !== undefined) return { inches: measured, by: 'measure' };
  const said = words.join(' ');
  const negated = /\b(?:not|isnt|arent|no)\s+(?:that|very|too|so)?\s*(?:big|large|huge|bad)\b/.test(said);
  if (negated) return { inches: 8, by: 'word' };
  const objects = words.map((w) => OBJECTS[w.replace(/s$/, '')] ?? OBJECTS[w]).filter((v) => v !== undefined);
  if (objects.length > 0) return { inches: Math.max(...objects), by: 'object' };
  const sized = words.map((w) => SIZE_WORDS[w]).filter((v) => v !== undefined);
  if (sized.length > 0) return { inches: Math.max(...sized), by: 'word' };
  return undefined;
}

/** A size said inside a sentence: a measurement, a size word, or an object it is compared to. */
export function sizeMentioned(text: string): SizeReading | undefined {
  const found = readSize(text);
  if (found?.by !== 'object') return found;
  return COMPARISON.test(amountWords(text).join(' ')) ? found : undefined;
}

type Bound = { readonly kind: 'under' | 'about' | 'over'; readonly inches: number };

const UNDER = /\b(?:smaller|less|under|below|up to|at most|fewer)\b/;
const OVER = /\b(?:larger|bigger|more|over|greater|above|at least|wider)\b/;

function boundOf(label: string): Bound | undefined {
  const reading = readSize(label);
  if (!reading) return undefined;
  const said = amountWords(label).join(' ');
  const kind = UNDER.test(said) ? 'under' : OVER.test(said) ? 'over' : 'about';
  return { kind, inches: reading.inches };
}

/** How far a size is from a range, on a log scale (0 inside it). */
function outside(inches: number, low: number, high: number): number {
  if (inches < low) return Math.log(low / inches);
  if (inches > high) return Math.log(inches / high);
  return 0;
}

/** Room around a label's size: "smaller than a dinner plate" still takes one about as big. */
const SLACK = 1.15;

/**
 * The range of sizes each label covers. The labels of a list split the scale
 * between them: "Smaller than a dinner plate" up to the plate, "Larger than a
 * tire" from the tire up, and "About a tire wide" what lies between its
 * neighbours - so a foot (bigger than a plate, smaller than a tire) is "about a
 * tire", not "smaller than a plate".
 */
function rangesOf(bounds: readonly Bound[]): readonly (readonly [number, number])[] {
  const upperOfUnders = bounds.filter((b) => b.kind === 'under').map((b) => b.inches * SLACK);
  const lowerOfOvers = bounds.filter((b) => b.kind === 'over').map((b) => b.inches * SLACK);
  return bounds.map((b): readonly [number, number] => {
    if (b.kind === 'under') return [0, b.inches * SLACK];
    if (b.kind === 'over') return [b.inches * SLACK, Number.POSITIVE_INFINITY];
    const below = upperOfUnders.filter((u) => u < b.inches);
    const above = lowerOfOvers.filter((o) => o > b.inches);
    return [
      below.length > 0 ? Math.max(...below) : b.inches / 1.5,
      above.length > 0 ? Math.min(...above) : b.inches * 1.5,
    ];
  });
}

/**
 * Which of a list's labels a size falls in, when every label reads as a size;
 * the index, else undefined (not a size list, or no size said).
 */
/** Labels read once per list (a catalog's lists live as long as the process). */
const boundsCache = new WeakMap<readonly string[], readonly (Bound | undefined)[]>();
function boundsOf(labels: readonly string[]): readonly (Bound | undefined)[] {
  let bounds = boundsCache.get(labels);
  if (!bounds) {
    bounds = labels.map(boundOf);
    boundsCache.set(labels, bounds);
  }
  return bounds;
}

export function sizeChoice(reading: SizeReading | undefined, labels: readonly string[]): number | undefined {
  if (!reading || labels.length < 2) return undefined;
  const bounds = boundsOf(labels);
  if (bounds.some((b) => b === undefined)) return undefined;
  const distances = rangesOf(bounds as readonly Bound[]).map(([low, high]) =>
    outside(reading.inches, low, high),
  );
  return distances.indexOf(Math.min(...distances));
}

/** Whether a list's labels are sizes ("Smaller than a dinner plate", ...). */
export const isSizeList = (labels: readonly string[]): boolean =>
  labels.length >= 2 && boundsOf(labels).every((b) => b !== undefined);

/** The words the size reader knows (units, size words, objects): vocabulary for spelling tolerance. */
export const SIZE_VOCABULARY: readonly string[] = [
  ...Object.keys(UNIT_INCHES),
  ...Object.keys(SIZE_WORDS),
  ...Object.keys(OBJECTS),
];
