import { type Logger, silentLogger } from '../../bot/logger.js';
import { normalizeAddress } from '../address.js';
import { type GeocodeCandidate, type GeocodeQuery, type Geocoder, GeocoderError } from './types.js';

/**
 * What the dialogs see of the geocoder: a lookup that never throws and never
 * takes longer than its timeout. `found` has one or more candidates, best
 * first; `none` means the source searched and found nothing; `unknown` means
 * no answer (no geocoder, an address it does not cover, a timeout, an error):
 * the bot then behaves as it does without a geocoder.
 */
export type LookupResult =
  | { readonly kind: 'found'; readonly candidates: readonly GeocodeCandidate[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

export interface AddressLookup {
  lookup(query: GeocodeQuery): Promise<LookupResult>;
}

export const DEFAULT_GEOCODER_TIMEOUT_MS = 1500;
export const DEFAULT_GEOCODER_CACHE_SIZE = 1000;
const CACHE_TTL_MS = 6 * 60 * 60 * 1000;
/** After a failure, calls are skipped this long, so an outage costs one turn its timeout, not every turn. */
const COOL_DOWN_MS = 30_000;
const MAX_CANDIDATES = 5;

export interface ResilientOptions {
  readonly timeoutMs?: number;
  readonly cacheSize?: number;
  readonly coolDownMs?: number;
  readonly logger?: Logger;
  /** Milliseconds, for the cache's age and the cool-down (injected in tests). */
  readonly now?: () => number;
}

const UNKNOWN: LookupResult = Object.freeze({ kind: 'unknown' });
const NONE: LookupResult = Object.freeze({ kind: 'none' });

function keyOf(query: GeocodeQuery): string {
  if (typeof query !== 'string') return `@${query.lat.toFixed(5)},${query.long.toFixed(5)}`;
  const plain = query.replace(/\s+/g, ' ').trim();
  return (normalizeAddress(plain) ?? plain).toLowerCase();
}

function tidy(candidates: readonly GeocodeCandidate[]): GeocodeCandidate[] {
  const seen = new Set<string>();
  return [...candidates]
    .sort((a, b) => b.confidence - a.confidence)
    .filter((c) => {
      const key = c.address.toUpperCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_CANDIDATES);
}

/** The lookup the dialogs use; without a geocoder every answer is `unknown`. */
export function resilientGeocoder(
  geocoder: Geocoder | undefined,
  options: ResilientOptions = {},
): AddressLookup {
  if (!geocoder) return { lookup: async () => UNKNOWN };
  const timeoutMs = options.timeoutMs ?? DEFAULT_GEOCODER_TIMEOUT_MS;
  const size = options.cacheSize ?? DEFAULT_GEOCODER_CACHE_SIZE;
  const coolDownMs = options.coolDownMs ?? COOL_DOWN_MS;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { readonly at: number; readonly result: LookupResult }>();
  let pausedUntil = 0;

  const remember = (key: string, result: LookupResult): LookupResult => {
    cache.delete(key);
    cache.set(key, { at: now(), result });
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return result;
  };

  return {
    async lookup(query) {
      const key = keyOf(query);
      if (key === '' || key === '@') return UNKNOWN;
      const hit = cache.get(key);
      if (hit && now() - hit.at < CACHE_TTL_MS) {
        // Most recently used last: the oldest is dropped first.
        cache.delete(key);
        cache.set(key, hit);
        return hit.result;
      }
      if (now() < pausedUntil) return UNKNOWN;
      const started = now();
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new GeocoderError('timeout', `no answer in ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const found = await Promise.race([geocoder.search(query, controller.signal), timeout]);
        if (found === undefined) return remember(key, UNKNOWN);
        const candidates = tidy(found);
        logger.debug('geocoder answered', {
          geocoder: geocoder.name,
          candidates: candidates.length,
          ms: now() - started,
        });
        return remember(key, candidates.length === 0 ? NONE : { kind: 'found', candidates });
      } catch (error) {
        pausedUntil = now() + coolDownMs;
        const code = error instanceof GeocoderError ? error.code : 'unavailable';
        // Never the address itself: it is personal data.
        logger.warn('geocoder failed; answering without it', {
          geocoder: geocoder.name,
          code,
          ms: now() - started,
          error: error as Error,
        });
        return UNKNOWN;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
