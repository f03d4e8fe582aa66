import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RouteDay } from '../../knowledge/holiday-calendar.js';
import { type Coordinates, distanceMeters } from '../geo.js';
import { houseAddress, type StreetKey, sameStreet, streetKey } from './address-parts.js';
import { DISTRICT_KINDS, type Districts, type GeocodeCandidate, type Geocoder, routeDayOf } from './types.js';

/**
 * The offline geocoder (GEOCODER=file, the default): a CSV or GeoJSON file of
 * street ranges (house numbers from..to on a street, the block's two ends) or
 * address points (from = to, or a GeoJSON Point with `address`), each with its
 * collection day and districts. A house number is placed along its range.
 * It answers only for the streets the file lists: an address on another
 * street is "not covered" (`undefined`), and the bot behaves as without a
 * geocoder. So is a house number outside the file's ranges on a listed
 * street, unless the file is `complete` (GEOCODER_FILE_COMPLETE=true: it lists
 * every block of its streets), when that number is not found ("I couldn't find
 * that address"). A project-made sample ships in knowledge/geocoder-sample.csv;
 * it is not complete, so a real address beside its few blocks is kept as typed.
 */
export interface AddressRange {
  readonly street: StreetKey;
  readonly from: number;
  readonly to: number;
  readonly start: Coordinates;
  readonly end: Coordinates;
  readonly trashDay?: RouteDay;
  readonly districts: Districts;
}

/**
 * knowledge/geocoder-sample.csv beside this module's folder: the sources' own
 * knowledge/ under tsx, dist/knowledge/ (copied there by scripts/copy-assets.mjs)
 * in the built server, which so needs nothing from the checkout.
 */
export function defaultGeocoderFile(): string {
  return fileURLToPath(new URL('../../knowledge/geocoder-sample.csv', import.meta.url));
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

function districtsOf(get: (name: string) => unknown): Districts {
  const out: Record<string, string> = {};
  for (const kind of DISTRICT_KINDS) {
    const value = get(kind) ?? get(`${kind}_district`);
    if (value !== undefined && value !== null && String(value).trim() !== '')
      out[kind] = String(value).trim();
  }
  return out;
}

const num = (v: unknown): number =>
  typeof v === 'number' ? v : Number(String(v ?? '').trim() || Number.NaN);

function range(
  where: string,
  street: unknown,
  from: unknown,
  to: unknown,
  start: Coordinates,
  end: Coordinates,
  get: (name: string) => unknown,
): AddressRange {
  const low = num(from);
  const high = num(to);
  const coordinates = [start.lat, start.long, end.lat, end.long];
  if (
    typeof street !== 'string' ||
    street.trim() === '' ||
    !Number.isInteger(low) ||
    !Number.isInteger(high)
  ) {
    throw new Error(`${where}: needs a street and whole house numbers from..to`);
  }
  if (coordinates.some((c) => !Number.isFinite(c))) throw new Error(`${where}: coordinates must be numbers`);
  const trashDay = routeDayOf(get('day') ?? get('rubbish_recycle_day'));
  return {
    street: streetKey(street),
    from: Math.min(low, high),
    to: Math.max(low, high),
    start,
    end,
    ...(trashDay ? { trashDay } : {}),
    districts: districtsOf(get),
  };
}

export function parseAddressCsv(text: string, file = 'geocoder file'): AddressRange[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const header = splitCsvLine(lines.shift() ?? '').map((h) => h.toLowerCase());
  for (const needed of ['street', 'from', 'from_lat', 'from_long']) {
    if (!header.includes(needed)) throw new Error(`${file}: the header has no "${needed}" column`);
  }
  return lines.map((line, i) => {
    const cells = splitCsvLine(line);
    const get = (name: string) => {
      const at = header.indexOf(name);
      return at < 0 || cells[at] === '' ? undefined : cells[at];
    };
    const start = { lat: num(get('from_lat')), long: num(get('from_long')) };
    const end = get('to_lat') === undefined ? start : { lat: num(get('to_lat')), long: num(get('to_long')) };
    return range(
      `${file} line ${i + 2}`,
      get('street'),
      get('from'),
      get('to') ?? get('from'),
      start,
      end,
      get,
    );
  });
}

type Bag = Record<string, unknown>;

export function parseAddressGeoJson(text: string, file = 'geocoder file'): AddressRange[] {
  const body = JSON.parse(text) as { features?: unknown };
  if (!Array.isArray(body.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  return body.features.map((f: Bag, i) => {
    const p = (f.properties ?? {}) as Bag;
    const geometry = (f.geometry ?? {}) as { type?: string; coordinates?: unknown };
    const get = (name: string) => p[name];
    const where = `${file} feature ${i}`;
    if (geometry.type === 'Point' && Array.isArray(geometry.coordinates)) {
      const [long, lat] = geometry.coordinates.map(Number);
      const address = houseAddress(String(p.address ?? p.street_address ?? ''));
      if (!address) throw new Error(`${where}: a Point needs an "address" with a house number`);
      const at = { lat: lat!, long: long! };
      return range(where, address.street.full, address.number, address.number, at, at, get);
    }
    if (geometry.type === 'LineString' && Array.isArray(geometry.coordinates)) {
      const points = geometry.coordinates as number[][];
      const start = { lat: Number(points[0]?.[1]), long: Number(points[0]?.[0]) };
      const end = { lat: Number(points.at(-1)?.[1]), long: Number(points.at(-1)?.[0]) };
      return range(where, p.street, p.from, p.to, start, end, get);
    }
    throw new Error(`${where}: only Point and LineString features are read`);
  });
}

/** Reads GEOCODER_FILE (CSV, or GeoJSON when it ends in .json/.geojson); a bad file stops start-up naming it. */
export async function loadAddressFile(file: string): Promise<AddressRange[]> {
  const text = await readFile(file, 'utf8');
  return /\.(geo)?json$/i.test(file) ? parseAddressGeoJson(text, file) : parseAddressCsv(text, file);
}

function along(r: AddressRange, number: number): Coordinates {
  const t = r.to === r.from ? 0 : (number - r.from) / (r.to - r.from);
  return {
    lat: Number((r.start.lat + (r.end.lat - r.start.lat) * t).toFixed(6)),
    long: Number((r.start.long + (r.end.long - r.start.long) * t).toFixed(6)),
  };
}

function candidate(r: AddressRange, number: number, confidence: number): GeocodeCandidate {
  return {
    address: `${number} ${r.street.full}`,
    ...along(r, number),
    districts: r.districts,
    ...(r.trashDay ? { trashDay: r.trashDay } : {}),
    confidence,
  };
}

/** Nearest point on a range (flat-earth projection: ranges are one block long). */
function nearest(r: AddressRange, point: Coordinates): { number: number; meters: number } {
  const dx = r.end.long - r.start.long;
  const dy = r.end.lat - r.start.lat;
  const length = dx * dx + dy * dy;
  const t =
    length === 0
      ? 0
      : Math.max(
          0,
          Math.min(1, ((point.long - r.start.long) * dx + (point.lat - r.start.lat) * dy) / length),
        );
  const number = Math.round(r.from + (r.to - r.from) * t);
  return { number, meters: distanceMeters(point, along(r, number)) };
}

/** Points further than this from every listed range are not covered. */
const REVERSE_RADIUS_METERS = 100;

export function fileGeocoder(
  ranges: readonly AddressRange[],
  { complete = false }: { readonly complete?: boolean } = {},
): Geocoder {
  return {
    name: 'file',
    async search(query) {
      if (typeof query !== 'string') {
        const best = ranges.map((r) => ({ r, ...nearest(r, query) })).sort((a, b) => a.meters - b.meters)[0];
        if (!best || best.meters > REVERSE_RADIUS_METERS) return undefined;
        return [candidate(best.r, best.number, 1 - best.meters / (2 * REVERSE_RADIUS_METERS))];
      }
      const asked = houseAddress(query);
      if (!asked) return undefined;
      const onStreet = ranges.filter((r) => sameStreet(r.street, asked.street));
      if (onStreet.length === 0) return undefined;
      const matched = onStreet.filter((r) => asked.number >= r.from && asked.number <= r.to);
      if (matched.length === 0 && !complete) return undefined;
      // One candidate per street spelling ("N 5TH ST" and "S 5TH ST" for "500 5th st").
      const byStreet = new Map<string, AddressRange>();
      for (const r of matched) if (!byStreet.has(r.street.full)) byStreet.set(r.street.full, r);
      const confidence = 1 / Math.max(1, byStreet.size);
      return [...byStreet.values()].map((r) => candidate(r, asked.number, confidence));
    },
  };
}
