import { normalizeAddress } from '../requests/address.js';
import { type AddressLookup, type GeocodeCandidate, houseAddress } from '../requests/geocoder/index.js';
import type { Location } from '../requests/types.js';

/**
 * The intake's address through the geocoder: "1234 spruce" becomes the
 * city's place (standard spelling, lat/long, districts), several close matches
 * become choices, and a house-number address the geocoder searched and could
 * not find is "not found". Whenever the geocoder gives no answer (none
 * configured, down, slow, an address it does not cover) the location is kept
 * as typed, as before it existed.
 */
export type Standardised =
  | { readonly kind: 'kept' }
  | { readonly kind: 'found'; readonly location: Location }
  | { readonly kind: 'choose'; readonly places: readonly Location[] }
  | { readonly kind: 'not-found' };

export const ADDRESS_NOT_FOUND =
  "I couldn't find that address. Send a house number and street, or the nearest corner.";
export const ADDRESS_CHOOSE = 'I found more than one match. Which is it?';
export const NONE_OF_THESE = 'None of these';
/** A second candidate this close to the best makes the match ambiguous. */
const CLOSE = 0.3;

function placeOf(c: GeocodeCandidate, location: Location): Location {
  return {
    // The project's one spelling of addresses ("1234 SPRUCE ST" -> "1234 Spruce St").
    address: normalizeAddress(c.address) ?? c.address,
    lat: c.lat,
    long: c.long,
    ...(Object.keys(c.districts).length > 0 ? { districts: c.districts } : {}),
    ...(location.addressId ? { addressId: location.addressId } : {}),
  };
}

export async function standardise(lookup: AddressLookup, location: Location): Promise<Standardised> {
  const hasPoint = location.lat !== undefined && location.long !== undefined;
  if (hasPoint && location.districts) return { kind: 'kept' };
  if (hasPoint) {
    // A shared location: its districts (and an address when it came without one).
    const result = await lookup.lookup({ lat: location.lat!, long: location.long! });
    if (result.kind !== 'found') return { kind: 'kept' };
    const best = result.candidates[0]!;
    return {
      kind: 'found',
      location: {
        ...location,
        ...(location.address ? {} : { address: normalizeAddress(best.address) ?? best.address }),
        ...(Object.keys(best.districts).length > 0 ? { districts: best.districts } : {}),
      },
    };
  }
  if (!location.address) return { kind: 'kept' };
  const result = await lookup.lookup(location.address);
  if (result.kind === 'unknown') return { kind: 'kept' };
  if (result.kind === 'none') {
    // An intersection or a block the source cannot place is kept: only a house number is checked.
    return houseAddress(location.address) ? { kind: 'not-found' } : { kind: 'kept' };
  }
  const [best, second] = result.candidates;
  if (second && best!.confidence - second.confidence < CLOSE) {
    return { kind: 'choose', places: result.candidates.slice(0, 3).map((c) => placeOf(c, location)) };
  }
  return { kind: 'found', location: placeOf(best!, location) };
}
