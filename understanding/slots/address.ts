import { type ExtractedLocation, extractLocation, normalizeAddress } from '../../requests/address.js';

/**
 * An address, intersection or block, whether it is the whole answer ("1234
 * spruce") or inside a sentence ("the street light is out at 2400 N Front St").
 * A house number or a street suffix makes common words street names (Front,
 * Park, Church). The spelling rules live with the addresses, in requests/address.ts.
 */
export function readAddress(text: string): string | undefined {
  return extractLocation(text)?.address ?? normalizeAddress(text);
}

/** The address inside a sentence and the words it was read from (to read the rest of the sentence without it). */
export function addressIn(text: string): ExtractedLocation | undefined {
  return extractLocation(text);
}

export { isVagueLocation } from '../../requests/address.js';
