import { doubleMetaphone } from 'double-metaphone';

/**
 * Street addresses and intersections as residents type them, normalised to one
 * spelling so a read-back is tidy and duplicate detection can compare strings:
 * "1234 spruce street" -> "1234 Spruce St", "26th and oxford" -> "26th St & Oxford St".
 * Pure functions; no geocoding.
 */

const SUFFIXES: Readonly<Record<string, string>> = {
  street: 'St',
  st: 'St',
  str: 'St',
  avenue: 'Ave',
  ave: 'Ave',
  av: 'Ave',
  boulevard: 'Blvd',
  blvd: 'Blvd',
  road: 'Rd',
  rd: 'Rd',
  drive: 'Dr',
  dr: 'Dr',
  lane: 'Ln',
  ln: 'Ln',
  place: 'Pl',
  pl: 'Pl',
  court: 'Ct',
  ct: 'Ct',
  terrace: 'Ter',
  ter: 'Ter',
  parkway: 'Pkwy',
  pkwy: 'Pkwy',
  highway: 'Hwy',
  hwy: 'Hwy',
  square: 'Sq',
  sq: 'Sq',
  circle: 'Cir',
  cir: 'Cir',
  pike: 'Pike',
  way: 'Way',
  walk: 'Walk',
  alley: 'Aly',
  aly: 'Aly',
};

const DIRECTIONS: Readonly<Record<string, string>> = {
  n: 'N',
  north: 'N',
  s: 'S',
  south: 'S',
  e: 'E',
  east: 'E',
  w: 'W',
  west: 'W',
};

const UNITS: Readonly<Record<string, string>> = {
  apt: 'Apt',
  apartment: 'Apt',
  unit: 'Unit',
  '#': 'Unit',
  suite: 'Ste',
  ste: 'Ste',
  fl: 'Fl',
  floor: 'Fl',
  rm: 'Rm',
  room: 'Rm',
};

/** Words that never name a street: they end a street phrase when scanning a sentence. */
const NOT_STREET = new Set(
  `a an the my our your his her their this that it its is are was were be been there here and or but of
  in on at by to for from with near next behind across front outside inside since ago today yesterday
  tomorrow am pm oclock minute minutes hour hours day days week weeks month months year years time times
  has have had not no yes please thanks thank you i me we they he she corner intersection block house home
  work school church store park building car cars people kids dog dogs cat cats lights light pothole
  potholes trash graffiti tree trees sign signal broken out again still very huge big large small
  street avenue road`.split(/\s+/),
);

const PREPOSITION =
  /\b(?:at|on|near|by|outside|of|front\s+of|across\s+from|corner\s+of|intersection\s+of)\s*$/i;

export type LocationKind = 'street-address' | 'intersection' | 'block';

export interface ExtractedLocation {
  /** The normalised address, e.g. "1234 Spruce St" or "26th St & Oxford St". */
  readonly address: string;
  readonly kind: LocationKind;
  /** The part of the text it came from. */
  readonly raw: string;
}

const isOrdinal = (w: string): boolean => /^\d{1,3}(?:st|nd|rd|th)$/i.test(w);
const isNumber = (w: string): boolean => /^\d{1,5}[a-z]?$/i.test(w) || /^\d{1,5}-\d{1,5}$/.test(w);
const suffixOf = (w: string): string | undefined => SUFFIXES[w.toLowerCase().replace(/\.$/, '')];
const directionOf = (w: string): string | undefined => DIRECTIONS[w.toLowerCase().replace(/\.$/, '')];

function titleWord(w: string): string {
  if (isOrdinal(w)) return w.toLowerCase();
  return w
    .toLowerCase()
    .split(/([-'])/)
    .map((part) => (part.length > 0 ? part[0]!.toUpperCase() + part.slice(1) : part))
    .join('');
}

function words(text: string): string[] {
  return text
    .replace(/[,;:!?()"]/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/#\s*/g, '# ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/**
 * Normalises a street phrase without a house number: "north broad street" -> "N Broad St",
 * "26th" -> "26th St", "oxford" -> "Oxford St" (a bare name is taken as a street).
 */
function normalizeStreet(tokens: readonly string[], commonWords = false): string | undefined {
  const rest = [...tokens];
  const out: string[] = [];
  const first = rest[0];
  if (first !== undefined && rest.length > 1 && directionOf(first)) {
    out.push(directionOf(first)!);
    rest.shift();
  }
  let suffix: string | undefined;
  const last = rest[rest.length - 1];
  if (last !== undefined && rest.length > 1 && suffixOf(last) && !namesLane(rest, rest.length - 1)) {
    suffix = suffixOf(last);
    rest.pop();
  }
  if (rest.length === 0 || rest.length > 4) return undefined;
  if (!rest.every((w) => /^[a-z0-9][a-z0-9'-]*$/i.test(w))) return undefined;
  // A street name is words, or one ordinal ("26th"); a bare number is not a street.
  if (rest.some((w) => /^\d+$/.test(w) || /^(?:and|or|is|my|&|at|near)$/i.test(w))) return undefined;
  // Without a suffix, a plain word must look like a street name ("oxford", not "home").
  if (!suffix && !commonWords && !rest.some(isOrdinal) && rest.some((w) => NOT_STREET.has(w.toLowerCase())))
    return undefined;
  out.push(...rest.map(titleWord));
  out.push(suffix ?? 'St');
  return out.join(' ');
}

function normalizeUnit(tokens: readonly string[]): string | undefined {
  const [kind, value, ...extra] = tokens;
  if (kind === undefined || value === undefined || extra.length > 0) return undefined;
  const label = UNITS[kind.toLowerCase().replace(/\.$/, '')];
  if (!label || !/^[a-z0-9-]{1,6}$/i.test(value)) return undefined;
  return `${label} ${value.toUpperCase()}`;
}

function normalizeStreetAddress(tokens: readonly string[]): string | undefined {
  const [num, ...rest] = tokens;
  if (num === undefined || !isNumber(num)) return undefined;
  const unitAt = rest.findIndex((w, i) => i > 0 && UNITS[w.toLowerCase().replace(/\.$/, '')] !== undefined);
  const streetTokens = unitAt >= 0 ? rest.slice(0, unitAt) : rest;
  const street = normalizeStreet(streetTokens);
  if (!street) return undefined;
  if (unitAt < 0) return `${num.toUpperCase()} ${street}`;
  const unit = normalizeUnit(rest.slice(unitAt));
  return unit ? `${num.toUpperCase()} ${street} ${unit}` : undefined;
}

/** Canonical order for an intersection so "Oxford & 26th" and "26th & Oxford" compare equal. */
function intersection(a: string, b: string): string {
  const [x, y] = [a, b].sort((p, q) => p.localeCompare(q, 'en', { numeric: true }));
  return `${x} & ${y}`;
}

const INTERSECTION_SEPARATOR = /^(?:and|&|at|@|\/)$/i;
/** Joins two streets inside a sentence; "at" and "near" only two unmistakable ones ("Baltimore Ave near 48th"). */
const SENTENCE_SEPARATOR = /^(?:and|&|at|near|@|\/)$/i;
const WEAK_SEPARATOR = /^(?:at|near)$/i;

function stripFiller(text: string): string {
  return text
    .trim()
    .replace(/^(?:it'?s\s+|it\s+is\s+|the\s+address\s+is\s+|address:?\s+)/i, '')
    .replace(/^(?:at|on)\s+(?:the\s+)?/i, '')
    .replace(/^(?:the\s+)?(?:corner|intersection)\s+of\s+/i, '')
    .replace(/,?\s*(?:philadelphia|phila|philly)\b.*$/i, '')
    .replace(/,?\s*\bpa\b\s*\d{5}(?:-\d{4})?\s*$/i, '')
    .replace(/[.!?\s]+$/, '');
}

/**
 * Normalises text that is (only) an address, intersection or "1200 block of ...";
 * returns undefined when it is not one.
 */
export function normalizeAddress(text: string): string | undefined {
  const cleaned = stripFiller(text);
  if (cleaned.length === 0 || cleaned.length > 120) return undefined;
  const block = /^(\d{1,5})\s+(?:block|blk)\s+(?:of\s+)?(.+)$/i.exec(cleaned);
  if (block) {
    const street = normalizeStreet(words(block[2]!));
    return street ? `${block[1]} Block of ${street}` : undefined;
  }
  const tokens = words(cleaned);
  const sep = tokens.findIndex((w, i) => i > 0 && INTERSECTION_SEPARATOR.test(w));
  if (sep > 0 && !isNumber(tokens[0]!)) {
    // A common word names a street across from an unmistakable one ("12th & Church").
    const left = tokens.slice(0, sep);
    const right = tokens.slice(sep + 1);
    const plain = (side: readonly string[]) => side.length === 1 && !JOINING.has(side[0]!.toLowerCase());
    const a = normalizeStreet(left, left.some(isOrdinal) ? false : plain(left) && right.some(isOrdinal));
    const b = normalizeStreet(right, plain(right) && left.some(isOrdinal));
    return a && b && a !== b ? intersection(a, b) : undefined;
  }
  return normalizeStreetAddress(tokens);
}

const VAGUE =
  /\b(?:near|by|around|outside|behind|across\s+from|in\s+front\s+of|next\s+to)\s+(?:my|our|the)\s+(?:house|home|place|building|apartment|block|street|corner|job|work|school)\b|\b(?:down|up|across)\s+the\s+(?:street|road|block)\b|^\s*(?:right\s+)?(?:here|there|over\s+there|outside|nearby|close\s+by|around\s+here|somewhere|my\s+(?:house|home|block|street|place|neighborhood|corner)|the\s+corner|(?:in\s+)?(?:the|my)\s+neighbou?rhood)\s*[.!?]*\s*$|\bmy\s+(?:block|street|neighbou?rhood)\b|\baround\s+the\s+corner\b/i;

/**
 * True when the text names a place only vaguely ("near my house", "down the street",
 * "here", "my block") and holds no usable address: the bot asks again.
 */
export function isVagueLocation(text: string): boolean {
  return VAGUE.test(text) && extractLocation(text) === undefined;
}

interface Span {
  readonly start: number;
  readonly end: number; // exclusive, token index
}

/** The street phrase ending at token `end - 1` scanning left from a separator. */
function streetBefore(tokens: readonly string[], end: number): Span | undefined {
  const last = tokens[end - 1];
  if (last === undefined || namesLane(tokens, end - 1)) return undefined;
  let start = end - 1;
  if (suffixOf(last) && end >= 2) {
    start = end - 2;
    while (start > 0 && end - start < 4 && !NOT_STREET.has(tokens[start - 1]!.toLowerCase())) {
      if (isNumber(tokens[start - 1]!) || directionOf(tokens[start - 1]!)) break;
      start--;
    }
  } else if (NOT_STREET.has(last.toLowerCase()) || isNumber(last) || directionOf(last)) {
    return undefined;
  }
  if (start > 0 && directionOf(tokens[start - 1]!)) start--;
  return { start, end };
}

/**
 * The street phrase starting at token `start`: a name (or direction + name) and an
 * optional suffix. A common word (Church, Park) names the street when the other
 * street is unmistakable (`strongOther`: "12th and Church"). A name runs on over
 * capitalised words ("5th and Spring Garden") or to the end of a short message
 * ("at 5th and spring garden"), and to a suffix within three words ("Cecil B Moore Ave").
 */
function streetAfter(tokens: readonly string[], start: number, strongOther = false): Span | undefined {
  let i = start;
  if (tokens[i] !== undefined && directionOf(tokens[i]!) && tokens[i + 1] !== undefined) i++;
  const name = tokens[i];
  if (name === undefined || isNumber(name) || suffixOf(name)) return undefined;
  const common = NOT_STREET.has(name.toLowerCase());
  if (common && (!strongOther || JOINING.has(name.toLowerCase()) || !/^[a-z]+$/i.test(name)))
    return undefined;
  i++;
  for (let k = 0; k < 3 && tokens[i + k] !== undefined; k++) {
    if (suffixOf(tokens[i + k]!) && !namesLane(tokens, i + k)) return { start, end: i + k + 1 };
    if (NOT_STREET.has(tokens[i + k]!.toLowerCase())) break;
  }
  const nameLike = (w: string | undefined): w is string =>
    w !== undefined && /^[a-z][a-z'-]*$/i.test(w) && !NOT_STREET.has(w.toLowerCase()) && !suffixOf(w);
  let end = i;
  while (end - i < 2 && nameLike(tokens[end]) && /^[A-Z]/.test(tokens[end]!) && /^[A-Z]/.test(name)) end++;
  if (end === i && tokens.length - i <= 2 && tokens.slice(i).every(nameLike)) end = tokens.length;
  return { start, end };
}

/** Words that name a lane of a road ("right lane", "bike lane"), so "lane" there is no street suffix. */
const LANE_KINDS = [
  'right',
  'left',
  'middle',
  'center',
  'bike',
  'bus',
  'turn',
  'turning',
  'parking',
  'travel',
  'fast',
  'slow',
  'passing',
  'inside',
  'outside',
  'other',
  'same',
  'far',
];
const LANE_SOUNDS = new Set(LANE_KINDS.map((w) => doubleMetaphone(w)[0]));

/** Whether the word at `at` is "lane" naming a lane of the road ("right lane", "rite lane"), not a street. */
function namesLane(tokens: readonly string[], at: number): boolean {
  if (!/^(?:lane|ln)$/i.test(tokens[at] ?? '')) return false;
  const before = (tokens[at - 1] ?? '').toLowerCase();
  return (
    LANE_KINDS.includes(before) || (/^[a-z]{3,}$/.test(before) && LANE_SOUNDS.has(doubleMetaphone(before)[0]))
  );
}

const isStrong = (tokens: readonly string[], span: Span): boolean =>
  tokens.slice(span.start, span.end).some((w) => isOrdinal(w) || suffixOf(w) !== undefined);

function findIntersection(tokens: readonly string[]): ExtractedLocation | undefined {
  // "and" / "&" first; "at" only joins two unmistakable streets ("26th St at Oxford Ave").
  for (const weak of [false, true]) {
    for (let sep = 1; sep < tokens.length - 1; sep++) {
      const w = tokens[sep]!;
      if (!SENTENCE_SEPARATOR.test(w) || WEAK_SEPARATOR.test(w) !== weak) continue;
      const left = streetBefore(tokens, sep);
      const right = left && streetAfter(tokens, sep + 1, isStrong(tokens, left));
      if (!left || !right) continue;
      const anchored = PREPOSITION.test(tokens.slice(0, left.start).join(' '));
      const strong = [isStrong(tokens, left), isStrong(tokens, right)];
      if (weak ? !(strong[0] && strong[1]) : !(strong[0] || strong[1] || anchored)) continue;
      const raw = tokens.slice(left.start, right.end).join(' ');
      const streets = [tokens.slice(left.start, left.end), tokens.slice(right.start, right.end)];
      const address = normalizeAddress(streets.map((s) => s.join(' ')).join(' & '));
      if (address) return { address, kind: 'intersection', raw };
    }
  }
  return undefined;
}

const SPELLED_OUT = new Set(
  'street avenue boulevard road drive lane place court terrace parkway highway square circle pike way walk alley'.split(
    ' ',
  ),
);

/** Words that join a sentence, never part of a street's name. */
const JOINING = new Set(
  `a an the my our your his her their this that it its is are was were be been there here and or but of in on
  at by to for from with near next behind across since not no`.split(/\s+/),
);

/**
 * Whether a common word at `j` (front, park, church, light) is part of a street's
 * name: a house number and a street suffix right after the name say it is
 * ("2400 N Front St", "1500 Park Ave"). A spelled-out suffix ("street") counts
 * after a house number of three or more digits, so "2 broken street lights" is
 * no address.
 */
function namesStreet(tokens: readonly string[], number: number, j: number, startName: number): boolean {
  if (JOINING.has(tokens[j]!.toLowerCase())) return false;
  for (let k = j + 1; k < Math.min(tokens.length, startName + 4); k++) {
    const w = tokens[k]!;
    const suffix = suffixOf(w);
    if (suffix) {
      const abbreviated = !SPELLED_OUT.has(w.toLowerCase().replace(/\.$/, ''));
      return abbreviated || /^\d{3,}/.test(tokens[number]!);
    }
    if (JOINING.has(w.toLowerCase()) || isNumber(w)) return false;
  }
  return false;
}

function findStreetAddress(tokens: readonly string[]): ExtractedLocation | undefined {
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!isNumber(tokens[i]!)) continue;
    const next = tokens[i + 1]!.toLowerCase();
    if (next === 'block' || next === 'blk') {
      const of = tokens[i + 2]?.toLowerCase() === 'of' ? 1 : 0;
      const street = streetAfter(tokens, i + 2 + of);
      if (!street) continue;
      const raw = tokens.slice(i, street.end).join(' ');
      const address = normalizeAddress(raw);
      if (address) return { address, kind: 'block', raw };
      continue;
    }
    let end: number | undefined;
    const startName = directionOf(tokens[i + 1]!) && tokens[i + 2] !== undefined ? i + 2 : i + 1;
    for (let j = startName; j < Math.min(tokens.length, startName + 4); j++) {
      const w = tokens[j]!;
      if (j > startName && suffixOf(w)) {
        end = j + 1;
        break;
      }
      if (isOrdinal(w) && j === startName) {
        end = j + 1;
        if (tokens[j + 1] !== undefined && suffixOf(tokens[j + 1]!)) end = j + 2;
        break;
      }
      if (isNumber(w)) break;
      if (NOT_STREET.has(w.toLowerCase()) && !namesStreet(tokens, i, j, startName)) break;
    }
    // "at 1234 spruce" with no suffix: accept one name word after a place preposition.
    if (end === undefined) {
      const name = tokens[startName];
      const anchored = PREPOSITION.test(tokens.slice(0, i).join(' '));
      if (!anchored || name === undefined || NOT_STREET.has(name.toLowerCase()) || !/^[a-z]/i.test(name))
        continue;
      if (/^\d{6,}$/.test(tokens[i]!)) continue;
      end = startName + 1;
    }
    const unit = normalizeUnit(tokens.slice(end, end + 2)) ? 2 : 0;
    const raw = tokens.slice(i, end + unit).join(' ');
    const address = normalizeAddress(raw);
    if (address) return { address, kind: 'street-address', raw };
  }
  return undefined;
}

/**
 * Finds an address, intersection or block inside a sentence:
 * "huge pothole in front of 1234 Spruce St" -> "1234 Spruce St".
 */
export function extractLocation(text: string): ExtractedLocation | undefined {
  const tokens = words(text);
  return findStreetAddress(tokens) ?? findIntersection(tokens);
}
