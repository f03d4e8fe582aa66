import { parseCsv } from './liaison-csv.js';
import { LiaisonError } from './liaison-error.js';
import type { LiaisonAccount } from './liaison-types.js';
import { isRequestError } from './request-error.js';
import type { FileRequest } from './request-service.js';
import type { Location, ServiceRequest, TrackingNumber } from './types.js';

/**
 * Staff import of a meeting's problems from CSV, attributed to a liaison
 * account. Header row first; `service_code` and a location column
 * (`address`, or `lat` and `long`) are required; `description`, `noticed`,
 * `media_url`, `contact_name`, `contact_phone`, `contact_email` are known;
 * any other column (`size` or `attribute[size]`) is a service attribute.
 * Rows are checked and filed one by one through the request service: a bad
 * row is reported with its line and reason and nothing from it is stored;
 * the good rows get tracking numbers and expected dates.
 */
export const MAX_IMPORT_ROWS = 500;
/** The channel recorded as the requester of imported requests. */
export const IMPORT_CHANNEL = 'liaison-import';

export interface ImportedRow {
  readonly line: number;
  readonly id: TrackingNumber;
  readonly serviceCode: string;
  readonly expectedAt?: string;
  /** An open request of the same service at the same place, filed before. */
  readonly duplicateOf?: TrackingNumber;
}

export interface RejectedRow {
  readonly line: number;
  /** A RequestError code, or 'field-count' / 'invalid-noticed' / 'store-failed'. */
  readonly code: string;
  readonly field?: string;
  readonly message: string;
}

export interface ImportResult {
  readonly filed: readonly ImportedRow[];
  readonly rejected: readonly RejectedRow[];
}

const KNOWN = new Set([
  'service_code',
  'address',
  'lat',
  'long',
  'description',
  'noticed',
  'media_url',
  'contact_name',
  'contact_phone',
  'contact_email',
]);
/** A Map, not an object: a header may say anything, `__proto__` and `constructor` included. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['address_string', 'address'],
  ['noticed_at', 'noticed'],
  ['lng', 'long'],
  ['lon', 'long'],
]);

function columnName(raw: string): string {
  const name = raw.trim().toLowerCase();
  const attribute = /^attribute\[(.+)\]$/.exec(name)?.[1];
  return attribute !== undefined ? `attribute:${attribute.trim()}` : (ALIASES.get(name) ?? name);
}

/** The request domain as the import uses it (RequestService fits). */
export interface ImportTarget {
  file(request: FileRequest): Promise<ServiceRequest>;
  findDuplicate(serviceCode: string, location: Location): Promise<ServiceRequest | undefined>;
}

export async function importRequests(
  csv: string,
  account: Pick<LiaisonAccount, 'id' | 'neighborhood'>,
  target: ImportTarget,
  now: Date,
): Promise<ImportResult> {
  const [header, ...rows] = parseCsv(csv);
  if (header === undefined) throw new LiaisonError('invalid-csv', 'the CSV is empty: a header row is needed');
  const columns = header.fields.map(columnName);
  const seen = new Set<string>();
  for (const c of columns) {
    if (c === '') throw new LiaisonError('invalid-csv', `line ${header.line}: a column has no name`);
    if (seen.has(c))
      throw new LiaisonError('invalid-csv', `line ${header.line}: column "${c}" appears twice`);
    seen.add(c);
  }
  if (!seen.has('service_code'))
    throw new LiaisonError('invalid-csv', 'the header has no service_code column');
  if (!seen.has('address') && !(seen.has('lat') && seen.has('long'))) {
    throw new LiaisonError('invalid-csv', 'the header needs an address column (or lat and long)');
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new LiaisonError('too-many-rows', `${rows.length} rows; at most ${MAX_IMPORT_ROWS} per import`);
  }
  const filed: ImportedRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      rejected.push({
        line: row.line,
        code: 'field-count',
        message: `${row.fields.length} fields, but the header has ${columns.length}`,
      });
      continue;
    }
    const values = new Map(columns.map((c, i) => [c, row.fields[i]!.trim()]));
    const request = toRequest(values, account, now);
    if ('code' in request) {
      rejected.push({ line: row.line, ...request });
      continue;
    }
    try {
      // Filed all the same (the meeting saw it), with a notice naming the open report of the same problem.
      const duplicate = await target
        .findDuplicate(request.serviceCode, request.location)
        .catch(() => undefined);
      const stored = await target.file(
        duplicate === undefined
          ? request
          : {
              ...request,
              serviceNotice: `Request ${duplicate.id} for the same problem here is already open.`,
            },
      );
      filed.push({
        line: row.line,
        id: stored.id,
        serviceCode: stored.serviceCode,
        ...(stored.expectedAt === undefined ? {} : { expectedAt: stored.expectedAt }),
        ...(duplicate === undefined ? {} : { duplicateOf: duplicate.id }),
      });
    } catch (error) {
      if (isRequestError(error)) {
        rejected.push({
          line: row.line,
          code: error.code,
          ...(error.field === undefined ? {} : { field: error.field }),
          message: error.message,
        });
      } else {
        rejected.push({
          line: row.line,
          code: 'store-failed',
          message: 'could not be stored; try this row again',
        });
      }
    }
  }
  return { filed, rejected };
}

function toRequest(
  values: ReadonlyMap<string, string>,
  account: Pick<LiaisonAccount, 'id' | 'neighborhood'>,
  now: Date,
): FileRequest | Omit<RejectedRow, 'line'> {
  const get = (name: string): string | undefined => values.get(name) || undefined;
  const serviceCode = get('service_code');
  if (serviceCode === undefined) {
    return { code: 'invalid-field', field: 'service_code', message: 'service_code is empty' };
  }
  let noticedAt: string | undefined;
  const noticed = get('noticed');
  if (noticed !== undefined) {
    const t = Date.parse(noticed);
    if (Number.isNaN(t)) {
      return { code: 'invalid-noticed', field: 'noticed', message: `"${noticed}" is not a date` };
    }
    if (t > now.getTime()) {
      return { code: 'invalid-noticed', field: 'noticed', message: `${noticed} is in the future` };
    }
    noticedAt = new Date(t).toISOString();
  }
  const lat = get('lat');
  const long = get('long');
  const number = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  if ([lat, long].some((v) => v !== undefined && !Number.isFinite(Number(v)))) {
    return { code: 'invalid-location', field: 'lat', message: 'lat and long must be numbers' };
  }
  // Own properties whatever the name (`__proto__` too), so the request service
  // sees every column and rejects one the service does not define.
  const attributes: Record<string, string> = Object.fromEntries(
    [...values]
      .filter(([column, value]) => value !== '' && !KNOWN.has(column))
      .map(([column, value]) => [column.replace(/^attribute:/, ''), value]),
  );
  const contact = {
    ...(get('contact_name') ? { name: get('contact_name')! } : {}),
    ...(get('contact_phone') ? { phone: get('contact_phone')! } : {}),
    ...(get('contact_email') ? { email: get('contact_email')! } : {}),
  };
  return {
    serviceCode,
    location: {
      ...(get('address') ? { address: get('address')! } : {}),
      ...(lat !== undefined ? { lat: number(lat)! } : {}),
      ...(long !== undefined ? { long: number(long)! } : {}),
    },
    description: get('description') ?? '',
    attributes,
    requester: { channel: IMPORT_CHANNEL, userId: account.id },
    accountId: account.id,
    neighborhood: account.neighborhood,
    ...(noticedAt === undefined ? {} : { noticedAt }),
    ...(get('media_url') ? { mediaUrl: get('media_url')! } : {}),
    ...(Object.keys(contact).length > 0 ? { contact } : {}),
  };
}
