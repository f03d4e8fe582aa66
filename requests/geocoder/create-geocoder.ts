import type { Logger } from '../../bot/logger.js';
import { aisGeocoder } from './ais-geocoder.js';
import { loadCollectionAreas } from './collection-areas.js';
import { defaultGeocoderFile, fileGeocoder, loadAddressFile } from './file-geocoder.js';
import { genericGeocoder } from './generic-geocoder.js';
import { type AddressLookup, resilientGeocoder } from './resilient-geocoder.js';
import type { Geocoder } from './types.js';

/** GEOCODER and its variables, as bot/config.ts parses them. */
export type GeocoderSettings =
  | { readonly kind: 'none' }
  | { readonly kind: 'file'; readonly file?: string; readonly complete?: boolean }
  | { readonly kind: 'ais'; readonly url?: string; readonly key?: string }
  | { readonly kind: 'generic'; readonly url: string; readonly areasFile?: string };

export interface GeocoderWiring {
  readonly settings: GeocoderSettings;
  readonly timeoutMs?: number;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
}

/** The adapter the settings name (a bad file stops start-up naming it); undefined for `none`. */
export async function createGeocoder(
  settings: GeocoderSettings,
  fetchImpl?: typeof fetch,
): Promise<Geocoder | undefined> {
  switch (settings.kind) {
    case 'none':
      return undefined;
    case 'file':
      return fileGeocoder(await loadAddressFile(settings.file ?? defaultGeocoderFile()), {
        complete: settings.complete === true,
      });
    case 'ais':
      return aisGeocoder({ url: settings.url, key: settings.key, fetch: fetchImpl });
    case 'generic':
      return genericGeocoder({
        url: settings.url,
        fetch: fetchImpl,
        ...(settings.areasFile ? { areas: await loadCollectionAreas(settings.areasFile) } : {}),
      });
    default: {
      const unknown: never = settings;
      throw new TypeError(`unknown geocoder ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The lookup the dialogs get: the adapter behind the timeout, cache and fallback;
 * undefined for GEOCODER=none (the bot then never asks for an address it cannot look up).
 */
export async function createAddressLookup(wiring: GeocoderWiring): Promise<AddressLookup | undefined> {
  const geocoder = await createGeocoder(wiring.settings, wiring.fetch);
  if (!geocoder) return undefined;
  return resilientGeocoder(geocoder, { timeoutMs: wiring.timeoutMs, logger: wiring.logger });
}
