import type { CatalogService, ServiceAttribute } from '../knowledge/catalog-types.js';
import { parseAnyDate } from './dates.js';
import { RequestError } from './request-error.js';

export type AttributeValues = Readonly<Record<string, string | readonly string[]>>;

/** Longest free-text attribute value (datatype text); strings are shorter. */
export const MAX_TEXT_ATTRIBUTE_LENGTH = 4000;
export const MAX_STRING_ATTRIBUTE_LENGTH = 200;

/**
 * Checks raw attribute values against the service definition and returns them
 * normalised (list values as their keys, numbers and datetimes in canonical
 * form, empty values dropped). Throws `RequestError` 'invalid-attribute' whose
 * `field` names the attribute: unknown attribute, missing required value,
 * value not in the list, wrong type.
 */
export function validateAttributes(
  service: CatalogService,
  raw: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string | string[]> {
  const byCode = new Map(service.attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(raw)) {
    if (!byCode.has(code)) fail(code, `"${service.code}" has no attribute "${code}"`);
  }
  const out: Record<string, string | string[]> = {};
  for (const attribute of service.attributes) {
    const values = (
      Array.isArray(raw[attribute.code]) ? raw[attribute.code] : [raw[attribute.code]]
    ) as readonly (string | undefined)[];
    const present = values
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (present.length === 0) {
      if (attribute.required) fail(attribute.code, `attribute "${attribute.code}" is required`);
      continue;
    }
    out[attribute.code] = normalise(attribute, present);
  }
  return out;
}

function normalise(attribute: ServiceAttribute, values: readonly string[]): string | string[] {
  const { code, datatype } = attribute;
  if (datatype === 'multivaluelist') return [...new Set(values.map((v) => listKey(attribute, v)))];
  if (values.length > 1) fail(code, `attribute "${code}" takes one value`);
  const value = values[0]!;
  switch (datatype) {
    case 'singlevaluelist':
      return listKey(attribute, value);
    case 'number': {
      const n = Number(value);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) || !Number.isFinite(n)) {
        fail(code, `attribute "${code}" must be a number`);
      }
      return String(n);
    }
    case 'datetime': {
      const date = parseAnyDate(value);
      if (date === undefined)
        fail(code, `attribute "${code}" must be a date and time that exists (ISO 8601)`);
      return date.toISOString();
    }
    case 'string':
    case 'text': {
      const max = datatype === 'text' ? MAX_TEXT_ATTRIBUTE_LENGTH : MAX_STRING_ATTRIBUTE_LENGTH;
      if (value.length > max) fail(code, `attribute "${code}" is longer than ${max} characters`);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are dropped
      return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
    }
    default: {
      const unreachable: never = datatype;
      return unreachable;
    }
  }
}

/** A list value given as its key, or its key or name in any case, as the key. */
function listKey(attribute: ServiceAttribute, value: string): string {
  const values = attribute.values ?? [];
  const exact = values.find((v) => v.key === value);
  const loose =
    exact ??
    values.find(
      (v) => v.key.toLowerCase() === value.toLowerCase() || v.name.toLowerCase() === value.toLowerCase(),
    );
  if (loose === undefined) {
    fail(
      attribute.code,
      `"${value}" is not a value of attribute "${attribute.code}" (use ${values.map((v) => v.key).join(', ')})`,
    );
  }
  return loose.key;
}

function fail(code: string, message: string): never {
  throw new RequestError('invalid-attribute', message, code);
}
