import { type ExtractedLocation, extractLocation, normalizeAddress } from '../../requests/address.js';

/**
 * An address, intersection or block, whether it is the whole answer ("1234
 * spruce") or inside a sentence ("the street light is out at 2400 N Front St").
 * A house number or a street suffix makes common words street names (Front,
 * Park, Church). The spelling rules live with the addresses, in requests/address.ts.
 */
export function readAddress(text: string): string | undefined {
  return addressIn(text)?.address ?? normalizeAddress(text);
}

/**
 * "@" written for "at" ("pothole in da crosswalk @ 19th & chestnut"): what
 * follows it, when that is a place by itself, is the place - the word before the
 * "@" is not a cross street.
 */
function afterAt(text: string): ExtractedLocation | undefined {
  const at = text.lastIndexOf('@');
  if (at < 0 || /\S@\S/.test(text.slice(Math.max(0, at - 1), at + 2))) return undefined;
  return extractLocation(text.slice(at + 1));
}

/** The address inside a sentence and the words it was read from (to read the rest of the sentence without it). */
export function addressIn(text: string): ExtractedLocation | undefined {
  return afterAt(text) ?? extractLocation(text);
}

export { isVagueLocation } from '../../requests/address.js';
