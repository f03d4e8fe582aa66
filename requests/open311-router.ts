import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type Clock, systemClock } from '../bot/clock.js';
import { type Logger, silentLogger } from '../bot/logger.js';
import type { ServiceCatalog } from '../knowledge/service-catalog.js';
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
import { RequestError } from './request-error.js';
import type { RequestService } from './request-service.js';
import { isTrackingNumber } from './tracking-number.js';
import type { Location, RequestFilter, ServiceRequest, TrackingNumber } from './types.js';

/** The spec's defaults for GET requests: the last 90 days, at most 1,000 records. */
export const DEFAULT_QUERY_DAYS = 90;
export const MAX_REQUESTS_RETURNED = 1000;
/** Largest POST body accepted (a description is at most 4,000 characters). */
export const OPEN311_BODY_LIMIT = '32kb';

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
  readonly clock?: Clock;
  readonly logger?: Logger;
}

class Open311HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 500,
    message: string,
  ) {
    super(message);
  }
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

  // jurisdiction_id is optional for a one-jurisdiction endpoint; a wrong one is a 404, as the spec says.
  router.use((req, _res, next) => {
    checkJurisdiction(deps.jurisdictionId, req.query.jurisdiction_id);
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
          url: deps.endpointUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`,
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
    const filter = parseQuery(req.query, clock());
    const found = await requests.find(filter);
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

  router.post(
    '/requests.:format',
    express.urlencoded({ extended: true, limit: OPEN311_BODY_LIMIT, parameterLimit: 200 }),
    async (req, res) => {
      const format = formatOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      checkApiKey(deps.apiKey, body.api_key);
      checkJurisdiction(deps.jurisdictionId, body.jurisdiction_id);
      const code = field(body, 'service_code');
      if (code === undefined) throw new Open311HttpError(400, 'service_code is required');
      const service = catalog.get(code);
      if (service === undefined)
        throw new Open311HttpError(400, `service_code "${code}" is not a service here`);
      const description = field(body, 'description') ?? '';
      const rule = catalog.route(description, service.code);
      if (rule !== undefined) throw new Open311HttpError(400, rule.message);
      const location = parseLocation(body);
      const duplicate = await requests.findDuplicate(service.code, location);
      const first = field(body, 'first_name');
      const last = field(body, 'last_name');
      const name = [first, last].filter(Boolean).join(' ') || undefined;
      const phone = field(body, 'phone');
      const email = field(body, 'email');
      const accountId = field(body, 'account_id');
      if (accountId !== undefined && (await deps.isLiaisonAccount?.(accountId))) {
        throw new Open311HttpError(
          403,
          'account_id is a Neighborhood Liaison account: liaisons file through their own channels',
        );
      }
      const filed = await requests.file({
        serviceCode: service.code,
        location,
        description,
        attributes: parseAttributes(body.attribute),
        mediaUrl: field(body, 'media_url'),
        requester: {
          channel: 'open311',
          userId: field(body, 'device_id') ?? accountId ?? email ?? phone ?? 'anonymous',
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
      });
      logger.info('open311 request filed', { request: filed.id, service: filed.serviceCode });
      res.status(201);
      send(res, format, renderList('requests', [createdView(filed)], format));
    },
  );

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

function checkApiKey(expected: string | undefined, given: unknown): void {
  if (expected === undefined)
    throw new Open311HttpError(403, 'this server does not accept service requests over Open311');
  if (typeof given !== 'string' || given === '') throw new Open311HttpError(403, 'api_key is required');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(expected)))
    throw new Open311HttpError(403, 'api_key is not valid');
}

/** A single string field; a repeated or nested field is a 400 naming it. */
function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Open311HttpError(400, `${name} must be a single value`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parseLocation(body: Record<string, unknown>): Location {
  const lat = field(body, 'lat');
  const long = field(body, 'long');
  const number = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Open311HttpError(400, `${name} must be a number`);
    return n;
  };
  const address = field(body, 'address_string');
  const addressId = field(body, 'address_id');
  const location: Location = {
    ...(lat === undefined ? {} : { lat: number('lat', lat) }),
    ...(long === undefined ? {} : { long: number('long', long) }),
    ...(address === undefined ? {} : { address }),
    ...(addressId === undefined ? {} : { addressId }),
  };
  return location;
}

/** attribute[code]=value, attribute[code][]=a&attribute[code][]=b. */
function parseAttributes(raw: unknown): Record<string, string | string[]> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Open311HttpError(400, 'attributes must be sent as attribute[code]=value');
  }
  const out: Record<string, string | string[]> = {};
  for (const [code, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[code] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[code] = value as string[];
    else throw new Open311HttpError(400, `attribute "${code}" has a value that is not text`);
  }
  return out;
}

function parseQuery(query: Request['query'], now: Date): RequestFilter {
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new Open311HttpError(400, `${name} must be given once`);
    return value.trim() === '' ? undefined : value.trim();
  };
  const list = (name: string) =>
    one(name)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const ids = list('service_request_id');
  if (ids !== undefined) {
    // The spec: with service_request_id, the other parameters are ignored.
    return { ids: ids.filter(isTrackingNumber) as TrackingNumber[], limit: MAX_REQUESTS_RETURNED };
  }
  const date = (name: string) => {
    const value = one(name);
    if (value === undefined) return undefined;
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw new Open311HttpError(400, `${name} must be a date and time (ISO 8601)`);
    return new Date(t);
  };
  const end = date('end_date');
  const start = date('start_date');
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
  const accountId = one('account_id');
  return {
    requestedFrom: from.toISOString(),
    requestedTo: to.toISOString(),
    limit: MAX_REQUESTS_RETURNED,
    ...(open === undefined ? {} : { open }),
    ...(codes === undefined ? {} : { serviceCodes: codes as ServiceRequest['serviceCode'][] }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

function toOpen311Error(error: unknown): { status: 400 | 403 | 404 | 413 | 500; description: string } {
  if (error instanceof Open311HttpError) return { status: error.status, description: error.message };
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
  if (status === 413)
    return { status: 413, description: `the request body is larger than ${OPEN311_BODY_LIMIT}` };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status: 400, description: 'the request body could not be read' };
  }
  return { status: 500, description: 'something went wrong; please try again' };
}
