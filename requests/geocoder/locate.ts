import { normalizeAddress } from '../address.js';
import type { Location } from '../types.js';
import type { AddressLookup } from './resilient-geocoder.js';
import type { GeocodeCandidate } from './types.js';

/** A second candidate this close (in confidence) to the best makes a match ambiguous. */
export const AMBIGUOUS_WITHIN = 0.3;

/** The one candidate a lookup clearly means, or undefined when two come close. */
export function clearMatch(candidates: readonly GeocodeCandidate[]): GeocodeCandidate | undefined {
  const [best, second] = candidates;
  if (best === undefined) return undefined;
  return second !== undefined && best.confidence - second.confidence < AMBIGUOUS_WITHIN ? undefined : best;
}

const districtsOf = (c: GeocodeCandidate) =>
  Object.keys(c.districts).length > 0 ? { districts: c.districts } : {};

/**
 * The place of a location handed in without a conversation (an Open311
 * client): an address without coordinates is looked up, and one clear match
 * gives it the city's spelling ("1234 spruce street" -> "1234 Spruce St"),
 * lat/long and districts; a point gets its districts (and an address when it
 * came without one). Otherwise - no geocoder, no answer in time, nothing
 * found, several close matches - the location is returned as given: a request
 * is never refused, or placed by a guess, because its address was not found.
 */
export async function locate(lookup: AddressLookup, location: Location): Promise<Location> {
  if (location.districts !== undefined) return location;
  const hasPoint = location.lat !== undefined && location.long !== undefined;
  if (hasPoint) {
    const result = await lookup.lookup({ lat: location.lat!, long: location.long! });
    const place = result.kind === 'found' ? result.candidates[0] : undefined;
    if (place === undefined) return location;
    return {
      ...location,
      ...(location.address ? {} : { address: normalizeAddress(place.address) ?? place.address }),
      ...districtsOf(place),
    };
  }
  if (!location.address) return location;
  const result = await lookup.lookup(location.address);
  const place = result.kind === 'found' ? clearMatch(result.candidates) : undefined;
  if (place === undefined) return location;
  return {
    ...location,
    address: normalizeAddress(place.address) ?? place.address,
    lat: place.lat,
    long: place.long,
    ...districtsOf(place),
  };
}
