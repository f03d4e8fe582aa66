import { normalizeAddress } from '../address.js';

/** A street as the offline sources compare it: "N 5TH ST" is direction N, name "5TH", suffix ST. */
export interface StreetKey {
  readonly full: string;
  readonly direction?: string;
  readonly name: string;
  readonly suffix?: string;
}

const DIRECTION = /^(N|S|E|W)$/;
const SUFFIX = /^(ST|AVE|BLVD|RD|DR|LN|PL|CT|TER|PKWY|HWY|SQ|CIR|PIKE|WAY|WALK|ALY)$/;

/** One spelling of a street name: the project's normalisation, upper case ("north 5th street" -> "N 5TH ST"). */
export function streetKey(street: string): StreetKey {
  const normal = normalizeAddress(`1 ${street}`)?.replace(/^1\s+/, '') ?? street;
  const tokens = normal.toUpperCase().replace(/\./g, '').split(/\s+/).filter(Boolean);
  const direction = tokens.length > 1 && DIRECTION.test(tokens[0]!) ? tokens.shift() : undefined;
  const suffix = tokens.length > 1 && SUFFIX.test(tokens.at(-1)!) ? tokens.pop() : undefined;
  return {
    full: [direction, ...tokens, suffix].filter(Boolean).join(' '),
    ...(direction ? { direction } : {}),
    name: tokens.join(' '),
    ...(suffix ? { suffix } : {}),
  };
}

/** A house number and street ("1234 spruce" -> 1234, SPRUCE ST); undefined for an intersection or a bare street. */
export function houseAddress(
  text: string,
): { readonly number: number; readonly street: StreetKey } | undefined {
  const normal = normalizeAddress(text);
  if (!normal || normal.includes('&') || /\bBlock of\b/.test(normal)) return undefined;
  const match = /^(\d{1,5})[a-z]?\s+(.+?)(?:\s+(?:Apt|Unit|Ste|Fl|Rm)\b.*)?$/i.exec(normal);
  if (!match) return undefined;
  return { number: Number(match[1]), street: streetKey(match[2]!) };
}

/** Whether a listed street is the one a resident named (a missing direction or suffix matches any). */
export function sameStreet(listed: StreetKey, asked: StreetKey): boolean {
  if (listed.name !== asked.name) return false;
  if (asked.direction && listed.direction && asked.direction !== listed.direction) return false;
  return !(asked.suffix && listed.suffix && asked.suffix !== listed.suffix);
}
