import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type Clock, systemClock } from '../bot/clock.js';
import { type Logger, silentLogger } from '../bot/logger.js';
import type { ServiceCatalog } from '../knowledge/service-catalog.js';
import { FormDecodeError, type FormFields, type FormFile } from './form-decode.js';
import { DISTRICT_KINDS } from './geocoder/types.js';
import {
  decodeBody,
  OPEN311_BODY_LIMIT,
  OPEN311_MULTIPART_LIMIT,
  queryOf,
  readBody,
} from './open311-body.js';
import { type CorsOrigins, isPostAllowed, open311Cors } from './open311-cors.js';
import {
  CONTENT_TYPE,
  createdView,
  OPEN311_SPECIFICATION,
  type Open311Error,
  type Open311Format,
  renderDefinition,
  renderDiscovery,
  renderList,
  requestView,
  serviceDefinitionView,
  serviceView,
} from './open311-format.js';
import {
  attributeFields,
  type Bounds,
  checkAttributeValues,
  dateField,
  emailField,
  isInside,
  lineField,
  mediaFile,
  Open311HttpError,
  parseLocation,
  phoneField,
  single,
  textField,
  wholeNumber,
} from './open311-input.js';
import { publicOrigin } from './public-origin.js';
import { RequestError } from './request-error.js';
import type { RequestService } from './request-service.js';
import { isTrackingNumber } from './tracking-number.js';
import type { RequestFilter, ServiceRequest, TrackingNumber } from './types.js';

/** The spec's defaults for GET requests: the last 90 days, at most 1,000 records. */
export const DEFAULT_QUERY_DAYS = 90;
export const MAX_REQUESTS_RETURNED = 1000;
/** The largest page a client may ask for (`page_size`), and the furthest it may page. */
export const MAX_PAGE_WINDOW = 10_000;

/**
 * What became of a photo handed to the media store: its public URL (and how to
 * take it back when the request is not filed after all), or why it was refused.
 */
export type StoredMedia =
  | { readonly url: string; readonly discard?: () => Promise<void> }
  | { readonly refused: string };
/**
 * Stores a photo posted as `media` (checked by its bytes, like a web-chat upload)
 * and answers its public URL; `origin` is this request's origin as the client saw it.
 */
export type StoreMedia = (bytes: Uint8Array, origin: string) => Promise<StoredMedia>;

export interface Open311RouterDeps {
  readonly requests: RequestService;
  readonly catalog: ServiceCatalog;
  /** config.open311ApiKey: without it, POST requests is refused (403) - reading stays open. */
  readonly apiKey?: string;
  /** The jurisdiction served; a request naming another jurisdiction_id gets 404 (GeoReport v2). */
  readonly jurisdictionId?: string;
  /**
   * True for an account_id that is a Neighborhood Liaison account: an Open311 client may
   * not file under it (the liaison would be notified of, and answer for, a request they
   * never made). Liaisons file through their linked channels or the staff CSV import.
   */
  readonly isLiaisonAccount?: (accountId: string) => Promise<boolean>;
  /** Public URL of this endpoint for discovery, e.g. `${config.publicUrl}/open311/v2`. */
  readonly endpointUrl?: string;
  /** Discovery: how to reach the city, and how to get an api_key. */
  readonly contact?: string;
  readonly keyService?: string;
  /** Browser origins allowed (config.open311CorsOrigins); default `'*'`: anyone reads, nobody posts cross-origin. */
  readonly corsOrigins?: CorsOrigins;
  /** lat/long outside this box are refused (config.cityBounds); without it, only off-Earth values are. */
  readonly cityBounds?: Bounds;
  /** Where a multipart `media` photo goes; without it a posted file is refused (media_url still works). */
  readonly storeMedia?: StoreMedia;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const FORMATS: readonly string[] = ['json', 'xml'];

/**
 * The Open311 GeoReport v2 API, mounted at /open311/v2. Requests filed here go
 * through the same RequestService as the bot's, so they are the same records.
 */
export function createOpen311Router(deps: Open311RouterDeps): Router {
  const router = express.Router();
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const { catalog, requests } = deps;
  const serviceName = (code: string) => catalog.get(code)?.name;
  const corsOrigins = deps.corsOrigins ?? '*';

  router.use(open311Cors(corsOrigins));
  // jurisdiction_id is optional for a one-jurisdiction endpoint; a wrong one is a 404, as the spec says.
  router.use((req, _res, next) => {
    checkJurisdiction(deps.jurisdictionId, single(queryOf(req), 'jurisdiction_id'));
    next();
  });

  router.get('/discovery.:format', (req, res) => {
    const format = formatOf(req);
    const changeset = '2026-01-01T00:00:00Z';
    const discovery = {
      changeset,
      contact: deps.contact ?? 'Call 311 for help with this API.',
      key_service: deps.keyService ?? 'Ask the city 311 office for an api_key to post service requests.',
      endpoints: [
        {
          specification: OPEN311_SPECIFICATION,
          url: deps.endpointUrl ?? `${publicOrigin(req, undefined)}${req.baseUrl}`,
          changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
    send(res, format, renderDiscovery(discovery, format));
  });

  router.get('/services.:format', (req, res) => {
    const format = formatOf(req);
    send(res, format, renderList('services', catalog.services.map(serviceView), format));
  });

  router.get('/services/:code.:format', (req, res) => {
    const format = formatOf(req);
    const service = catalog.get(String(req.params.code));
    if (service === undefined)
      throw new Open311HttpError(404, `no service with service_code "${req.params.code}"`);
    send(res, format, renderDefinition(serviceDefinitionView(service), format));
  });

  router.get('/requests.:format', async (req, res) => {
    const format = formatOf(req);
    const { filter, skip } = parseQuery(queryOf(req), clock());
    const found = filter.limit === 0 ? [] : (await requests.find(filter)).slice(skip);
    send(
      res,
      format,
      renderList(
        'requests',
        found.map((r) => requestView(r, serviceName(r.serviceCode))),
        format,
      ),
    );
  });

  router.get('/requests/:id.:format', async (req, res) => {
    const format = formatOf(req);
    const id = String(req.params.id);
    const request = isTrackingNumber(id) ? await requests.get(id) : undefined;
    if (request === undefined) throw new Open311HttpError(404, `no service request with id "${id}"`);
    send(
      res,
      format,
      renderList('requests', [requestView(request, serviceName(request.serviceCode))], format),
    );
  });

  router.post('/requests.:format', readBody, async (req, res) => {
    const format = formatOf(req);
    if (!isPostAllowed(req, corsOrigins)) {
      throw new Open311HttpError(403, `pages from ${req.get('origin')} may not post service requests`);
    }
    const { fields, files } = await decodeBody(req);
    // One widely used client sends api_key and jurisdiction_id in the query string.
    const query = queryOf(req);
    checkApiKey(deps.apiKey, single(fields, 'api_key') ?? single(query, 'api_key'));
    checkJurisdiction(deps.jurisdictionId, single(fields, 'jurisdiction_id'));
    const code = single(fields, 'service_code');
    if (code === undefined) throw new Open311HttpError(400, 'service_code is required');
    const service = catalog.get(code);
    if (service === undefined)
      throw new Open311HttpError(404, `service_code "${code}" is not a service here`);
    const description = textField(fields, 'description') ?? '';
    const rule = catalog.route(description, service.code);
    if (rule !== undefined) throw new Open311HttpError(400, rule.message);
    const given = parseLocation(fields, deps.cityBounds);
    const attributes = attributeFields(fields);
    checkAttributeValues(service.attributes, attributes);
    const first = lineField(fields, 'first_name');
    const last = lineField(fields, 'last_name');
    const name = [first, last].filter(Boolean).join(' ') || undefined;
    const phone = phoneField(fields, 'phone');
    const email = emailField(fields, 'email');
    const accountId = lineField(fields, 'account_id');
    const deviceId = lineField(fields, 'device_id');
    const media = mediaFile(files, single(fields, 'media'));
    const givenMediaUrl = lineField(fields, 'media_url');
    if (media !== undefined && givenMediaUrl !== undefined) {
      throw new Open311HttpError(400, 'media: send a photo as media or its address as media_url, not both');
    }
    if (accountId !== undefined && (await deps.isLiaisonAccount?.(accountId))) {
      throw new Open311HttpError(
        403,
        'account_id is a Neighborhood Liaison account: liaisons file through their own channels',
      );
    }
    // An address without lat/long is placed by the geocoder (lat/long, districts, the city's
    // spelling); found nothing, or only somewhere outside the city, it is filed as typed.
    const located = await requests.locate(given);
    const location = located === given || isInside(located, deps.cityBounds) ? located : given;
    const duplicate = await requests.findDuplicate(service.code, location);
    const stored =
      media === undefined
        ? undefined
        : await storeMedia(deps.storeMedia, media, publicOrigin(req, undefined));
    const mediaUrl = stored?.url ?? givenMediaUrl;
    const filed = await requests
      .file({
        serviceCode: service.code,
        location,
        description,
        attributes,
        mediaUrl,
        requester: {
          channel: 'open311',
          userId: deviceId ?? accountId ?? email ?? phone ?? 'anonymous',
        },
        ...(name || phone || email
          ? {
              contact: {
                ...(name ? { name } : {}),
                ...(phone ? { phone } : {}),
                ...(email ? { email } : {}),
              },
            }
          : {}),
        ...(accountId === undefined ? {} : { accountId }),
        ...(duplicate === undefined
          ? {}
          : { serviceNotice: `Request ${duplicate.id} for the same problem here is already open.` }),
      })
      .catch(async (error: unknown) => {
        // Nothing was filed, so the photo belongs to nothing: it is not kept.
        await stored?.discard?.().catch(() => undefined);
        throw error;
      });
    logger.info('open311 request filed', { request: filed.id, service: filed.serviceCode });
    res.status(201);
    send(res, format, renderList('requests', [createdView(filed)], format));
  });

  // Anything else under /open311/v2, and every error: a list of {code, description}.
  router.use((req, _res, next) =>
    next(new Open311HttpError(404, `no such endpoint: ${req.method} ${req.path}`)),
  );
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, description } = toOpen311Error(error);
    if (status >= 500) logger.error('open311 request failed', { path: req.path, error });
    const format = FORMATS.includes(String(req.params.format))
      ? (req.params.format as Open311Format)
      : suffixOf(req.path);
    const errors: Open311Error[] = [{ code: status, description }];
    res.status(status);
    send(
      res,
      format,
      renderList(
        'errors',
        errors.map((e) => ({ code: e.code, description: e.description })),
        format,
      ),
    );
  });
  return router;
}

function formatOf(req: Request): Open311Format {
  const format = String(req.params.format);
  if (!FORMATS.includes(format))
    throw new Open311HttpError(404, `format "${format}" is not offered: use .xml or .json`);
  return format as Open311Format;
}

function suffixOf(path: string): Open311Format {
  return path.endsWith('.json') ? 'json' : 'xml';
}

function send(res: Response, format: Open311Format, body: string): void {
  res.type(CONTENT_TYPE[format]).send(body);
}

function checkJurisdiction(served: string | undefined, given: unknown): void {
  if (given === undefined || given === '' || served === undefined) return;
  if (typeof given !== 'string') throw new Open311HttpError(400, 'jurisdiction_id must be given once');
  if (given.trim().toLowerCase() !== served.toLowerCase())
    throw new Open311HttpError(404, `jurisdiction_id "${given}" is not served here (this is ${served})`);
}

function checkApiKey(expected: string | undefined, given: string | undefined): void {
  if (expected === undefined)
    throw new Open311HttpError(403, 'this server does not accept service requests over Open311');
  if (given === undefined) throw new Open311HttpError(403, 'api_key is required');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(expected))) throw new Open311HttpError(403, 'invalid api_key');
}

async function storeMedia(
  store: StoreMedia | undefined,
  media: FormFile,
  origin: string,
): Promise<{ url: string; discard?: () => Promise<void> }> {
  if (store === undefined) {
    throw new Open311HttpError(400, 'media: photos are not taken here; send media_url instead');
  }
  const stored = await store(media.bytes, origin);
  if ('refused' in stored) throw new Open311HttpError(400, `media: ${stored.refused}`);
  return stored;
}

/** The GET requests filter, and how many of the newest matches to skip (paging). */
function parseQuery(query: FormFields, now: Date): { filter: RequestFilter; skip: number } {
  const list = (name: string) =>
    single(query, name)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const ids = list('service_request_id');
  if (ids !== undefined) {
    // The spec: with service_request_id, the other parameters are ignored.
    return {
      filter: { ids: ids.filter(isTrackingNumber) as TrackingNumber[], limit: MAX_REQUESTS_RETURNED },
      skip: 0,
    };
  }
  const end = dateField(query, 'end_date');
  const start = dateField(query, 'start_date');
  if (start && end && start > end) throw new Open311HttpError(400, 'start_date is after end_date');
  const to = end ?? (start ? new Date(start.getTime() + DEFAULT_QUERY_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - DEFAULT_QUERY_DAYS * DAY_MS);
  const statuses = list('status');
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) {
    throw new Open311HttpError(400, 'status must be open or closed');
  }
  const open = statuses === undefined || statuses.length !== 1 ? undefined : statuses[0] === 'open';
  const codes = list('service_code');
  // account_id: the requests of one account (a Neighborhood Liaison's), as Open311 names it.
  const accountId = single(query, 'account_id');
  // Extension parameters: council_district, police_district, sanitation_district (the city's
  // districts of each request's place, from the geocoder); several are all required.
  const districts: Record<string, string> = {};
  for (const kind of DISTRICT_KINDS) {
    const value = single(query, `${kind}_district`);
    if (value === undefined) continue;
    if (!/^[\w-]{1,30}$/.test(value)) {
      throw new Open311HttpError(400, `${kind}_district must be a district number or name`);
    }
    districts[kind] = value;
  }
  // Paging, as several GeoReport servers offer it: page_size (or limit) records, page from 1.
  const size =
    wholeNumber(query, 'page_size', 0, MAX_REQUESTS_RETURNED) ??
    wholeNumber(query, 'limit', 0, MAX_REQUESTS_RETURNED) ??
    MAX_REQUESTS_RETURNED;
  const page = wholeNumber(query, 'page', 1, Math.floor(MAX_PAGE_WINDOW / Math.max(size, 1))) ?? 1;
  return {
    filter: {
      requestedFrom: from.toISOString(),
      requestedTo: to.toISOString(),
      limit: page * size,
      ...(open === undefined ? {} : { open }),
      ...(codes === undefined ? {} : { serviceCodes: codes as ServiceRequest['serviceCode'][] }),
      ...(accountId === undefined ? {} : { accountId }),
      ...(Object.keys(districts).length === 0 ? {} : { districts }),
    },
    skip: (page - 1) * size,
  };
}

function toOpen311Error(error: unknown): { status: Open311HttpError['status']; description: string } {
  if (error instanceof Open311HttpError) return { status: error.status, description: error.message };
  if (error instanceof FormDecodeError) {
    return { status: error.reason === 'too-many-fields' ? 413 : 400, description: error.message };
  }
  if (error instanceof RequestError) {
    switch (error.code) {
      case 'not-found':
        return { status: 404, description: error.message };
      case 'unknown-service':
      case 'invalid-attribute':
      case 'missing-location':
      case 'invalid-location':
      case 'description-too-long':
      case 'invalid-field':
        return { status: 400, description: error.field ? `${error.field}: ${error.message}` : error.message };
      default:
        return { status: 500, description: 'the request could not be stored; please try again' };
    }
  }
  // body-parser errors carry a status (413 too large, 400 malformed).
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 413) {
    return {
      status: 413,
      description: `the request body is too large: at most ${OPEN311_BODY_LIMIT} form-urlencoded, ${OPEN311_MULTIPART_LIMIT} multipart`,
    };
  }
  if (status === 415)
    return { status: 415, description: "the body's Content-Encoding or charset is not supported" };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status: 400, description: 'the request body could not be read' };
  }
  return { status: 500, description: 'something went wrong; please try again' };
}
