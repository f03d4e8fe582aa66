/** The geocoder port, its adapters (AIS, Nominatim/Pelias, an offline file) and the resilient lookup. */
export * from './address-parts.js';
export * from './ais-geocoder.js';
export * from './collection-areas.js';
export * from './create-geocoder.js';
export * from './file-geocoder.js';
export * from './generic-geocoder.js';
export * from './locate.js';
export * from './resilient-geocoder.js';
export * from './types.js';
