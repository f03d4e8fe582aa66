/**
 * What Open311 clients send, checked strictly: each bad value is a 400 naming
 * its field, and stored text has no unseen characters.
 */
import type { ServiceAttribute } from '../knowledge/catalog-types.js';
import { parseDateTime } from './dates.js';
import type { FormFields, FormFile } from './form-decode.js';
import { isValidCoordinates } from './geo.js';
import { sanitizeLine, sanitizeText } from './text-sanitize.js';
import type { Location } from './types.js';

/** An error answered as Open311's list of `{code, description}`. */
export class Open311HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 500,
    message: string,
  ) {
    super(message);
  }
}

/** A latitude/longitude box (config.cityBounds): coordinates outside it are refused. */
export interface Bounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

const DECIMAL = /^-?\d{1,3}(\.\d{1,15})?$/;
const WHOLE = /^\d{1,9}$/;
/** An address a person can type: one @, no spaces or brackets, a dot in the domain. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"_]+\.[^\s@<>()[\]\\,;:"_]{2,}$/;
/** Digits with the usual separators and an optional leading +. */
const PHONE = /^\+?[\d\s().-]+$/;
/** ISO 8601 / W3C: a date, optionally a time, optionally an offset. */
/** One field's single value, trimmed; absent or empty is undefined, a repeated field a 400. */
export function single(fields: FormFields, name: string): string | undefined {
  const values = fields.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) throw new Open311HttpError(400, `${name} must be given once`);
  const trimmed = values[0]!.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A one-line text field (a name, an address, an id), without unseen characters. */
export function lineField(fields: FormFields, name: string): string | undefined {
  const value = single(fields, name);
  const clean = value === undefined ? undefined : sanitizeLine(value).trim();
  return clean === '' ? undefined : clean;
}

/** A text field of many lines (a description): `\n` and `\t` kept, unseen characters removed. */
export function textField(fields: FormFields, name: string): string | undefined {
  const value = single(fields, name);
  const clean = value === undefined ? undefined : sanitizeText(value).trim();
  return clean === '' ? undefined : clean;
}

/** A plain decimal coordinate (`39.95`, `-75.16`): no hex, exponent, spaces or Infinity. */
export function coordinate(fields: FormFields, name: 'lat' | 'long'): number | undefined {
  const values = fields.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) throw new Open311HttpError(400, `${name} must be given once`);
  const value = values[0]!;
  if (!DECIMAL.test(value)) {
    throw new Open311HttpError(400, `${name} must be a decimal number of degrees, like 39.9526`);
  }
  return Number(value);
}

/** lat and long together, inside the city's box when one is given. */
export function checkCoordinates(lat: number | undefined, long: number | undefined, bounds?: Bounds): void {
  if (lat === undefined && long === undefined) return;
  if (lat === undefined) throw new Open311HttpError(400, 'lat is required with long');
  if (long === undefined) throw new Open311HttpError(400, 'long is required with lat');
  if (!isValidCoordinates(lat, long)) throw new Open311HttpError(400, 'lat and long are not on Earth');
  if (bounds === undefined) return;
  if (lat < bounds.south || lat > bounds.north) {
    throw new Open311HttpError(400, `lat ${lat} is outside the city (${bounds.south} to ${bounds.north})`);
  }
  if (long < bounds.west || long > bounds.east) {
    throw new Open311HttpError(400, `long ${long} is outside the city (${bounds.west} to ${bounds.east})`);
  }
}

/** True when a location's point lies in the box (or there is no box, or no point). */
export function isInside(location: Location, bounds?: Bounds): boolean {
  const { lat, long } = location;
  if (bounds === undefined || lat === undefined || long === undefined) return true;
  return lat >= bounds.south && lat <= bounds.north && long >= bounds.west && long <= bounds.east;
}

/** A non-negative whole number from `min` to `max` (a count, a page); not `1.5`, `-1`, `0x10` or `1e3`. */
export function wholeNumber(fields: FormFields, name: string, min: number, max: number): number | undefined {
  const value = single(fields, name);
  if (value === undefined) return undefined;
  const n = WHOLE.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    throw new Open311HttpError(400, `${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** An e-mail address of a plausible shape. */
export function emailField(fields: FormFields, name: string): string | undefined {
  const value = lineField(fields, name);
  if (value !== undefined && (value.length > 254 || !EMAIL.test(value))) {
    throw new Open311HttpError(400, `${name} must be an e-mail address, like name@example.org`);
  }
  return value;
}

/** A phone number: 7 to 15 digits, with spaces, dots, dashes, brackets and a leading + allowed. */
export function phoneField(fields: FormFields, name: string): string | undefined {
  const value = lineField(fields, name);
  if (value === undefined) return undefined;
  const digits = value.replace(/\D/g, '').length;
  if (value.length > 30 || !PHONE.test(value) || digits < 7 || digits > 15) {
    throw new Open311HttpError(400, `${name} must be a phone number, like 215-555-0100`);
  }
  return value;
}

/** A date field: absent is undefined, one that does not exist a 400 naming it. */
export function dateField(fields: FormFields, name: string): Date | undefined {
  const value = single(fields, name);
  if (value === undefined) return undefined;
  const date = parseDateTime(value);
  if (date === undefined) {
    throw new Open311HttpError(
      400,
      `${name} must be a date and time that exists (ISO 8601, e.g. 2026-05-01T00:00:00Z)`,
    );
  }
  return date;
}

/**
 * `attribute[code]=value` and `attribute[code][]=a&attribute[code][]=b`: a
 * `[]` or a repeated code gives a list. Values are one line of text each.
 */
export function attributeFields(fields: FormFields): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, values] of fields) {
    if (!name.startsWith('attribute')) continue;
    const m = /^attribute\[([^[\]]+)\](\[\])?$/.exec(name);
    if (!m) throw new Open311HttpError(400, `${name}: attributes must be sent as attribute[code]=value`);
    const code = m[1]!;
    const clean = values.map((v) => sanitizeLine(v).trim());
    const previous = out[code];
    const all = [...(previous === undefined ? [] : [previous].flat()), ...clean];
    out[code] = m[2] === undefined && all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** Where the problem is: strict coordinates inside the city, an address, an address id. */
export function parseLocation(fields: FormFields, bounds?: Bounds): Location {
  const lat = coordinate(fields, 'lat');
  const long = coordinate(fields, 'long');
  checkCoordinates(lat, long, bounds);
  const address = lineField(fields, 'address_string');
  const addressId = lineField(fields, 'address_id');
  return {
    ...(lat === undefined ? {} : { lat }),
    ...(long === undefined ? {} : { long }),
    ...(address === undefined ? {} : { address }),
    ...(addressId === undefined ? {} : { addressId }),
  };
}

/**
 * Open311's stricter reading of attribute values: a `number` attribute is a
 * count (lights out, days parked, floors), so a non-negative whole number; a
 * `datetime` one must exist. The service's own checks follow when filing.
 */
export function checkAttributeValues(
  attributes: readonly ServiceAttribute[],
  values: Readonly<Record<string, string | string[]>>,
): void {
  for (const attribute of attributes) {
    const given = values[attribute.code];
    for (const value of given === undefined ? [] : [given].flat()) {
      if (value === '') continue;
      if (attribute.datatype === 'number' && !WHOLE.test(value)) {
        throw new Open311HttpError(400, `attribute[${attribute.code}] must be a whole number, 0 or more`);
      }
      if (attribute.datatype === 'datetime' && parseDateTime(value) === undefined) {
        throw new Open311HttpError(400, `attribute[${attribute.code}] must be a date that exists (ISO 8601)`);
      }
    }
  }
}

/** The one photo posted as `media`; an empty file part (no file chosen) is none. */
export function mediaFile(
  files: ReadonlyMap<string, readonly FormFile[]>,
  text: string | undefined,
): FormFile | undefined {
  if (text !== undefined) throw new Open311HttpError(400, 'media must be a file (multipart/form-data)');
  for (const name of files.keys()) {
    if (name !== 'media') throw new Open311HttpError(400, `${name}: only media may be a file`);
  }
  const posted = (files.get('media') ?? []).filter((f) => f.bytes.length > 0);
  if (posted.length > 1) throw new Open311HttpError(400, 'media: send one photo');
  return posted[0];
}
