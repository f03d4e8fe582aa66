import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type Logger, silentLogger } from '../bot/logger.js';
import type { ServiceCatalog } from '../knowledge/service-catalog.js';
import type { FailedAttempts } from './failed-attempts.js';
import { DISTRICT_KINDS } from './geocoder/types.js';
import { RequestError } from './request-error.js';
import type { RequestService } from './request-service.js';
import { requireStaff } from './staff-auth.js';
import { isRequestStatus } from './status-lifecycle.js';
import { isTrackingNumber } from './tracking-number.js';
import type { RequestFilter, ServiceRequest, TrackingNumber } from './types.js';

export const STAFF_LIST_DEFAULT = 50;
export const STAFF_LIST_MAX = 500;
const NOTE_MAX = 1000;
/** The fields a PATCH may carry; any other (a typo such as `notes`) is refused, never ignored. */
const PATCH_FIELDS: ReadonlySet<string> = new Set(['status', 'note', 'parent']);

export interface StaffRequestsRouterDeps {
  readonly requests: RequestService;
  readonly catalog: ServiceCatalog;
  /** config.staffToken. Without it every call answers 503: the API is never open. */
  readonly staffToken?: string;
  /** Wrong staff tokens per client, shared with every staff entry point; default: this router's own. */
  readonly staffAttempts?: FailedAttempts;
  readonly logger?: Logger;
}

type ErrorCode =
  | 'NOT_CONFIGURED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'CONFLICT'
  | 'INTERNAL';

class StaffHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | Uppercase<string>,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The staff API behind the console: `GET /api/requests?status=&limit=` lists
 * recent requests, `PATCH /api/requests/{id}` with `{status, note, parent?}`
 * records a status change (the notifier tells residents and followers); any
 * other field is a 400 naming it.
 * Bearer STAFF_TOKEN; errors are `{ error: { code, message, field? } }`.
 * Mount at /api/requests: `{ path: '/api/requests', handler: createStaffRequestsRouter(deps) }`.
 */
export function createStaffRequestsRouter(deps: StaffRequestsRouterDeps): Router {
  const router = express.Router();
  const logger = deps.logger ?? silentLogger;
  const { requests, catalog } = deps;

  router.use(requireStaff(deps.staffToken, deps.staffAttempts));

  router.get('/', async (req, res) => {
    const { delayed, ...filter } = listFilter(req.query);
    const found = delayed
      ? (await requests.find({ open: true })).filter((r) => requests.isDelayed(r)).slice(0, filter.limit)
      : await requests.find(filter);
    res.json({ requests: found.map((r) => staffView(r, catalog, requests)) });
  });

  router.patch('/:id', express.json({ limit: '16kb' }), async (req, res) => {
    const id = String(req.params.id);
    const body = patchBody(req.body);
    const status = body.status;
    if (typeof status !== 'string' || !isRequestStatus(status)) {
      throw new StaffHttpError(400, 'INVALID_STATUS', `status must be one of the request statuses`, 'status');
    }
    const note = optionalText(body.note, 'note');
    if (note !== undefined && note.length > NOTE_MAX) {
      throw new StaffHttpError(400, 'BAD_REQUEST', `note is longer than ${NOTE_MAX} characters`, 'note');
    }
    const parent = optionalText(body.parent, 'parent');
    if (parent !== undefined && !isTrackingNumber(parent)) {
      throw new StaffHttpError(400, 'INVALID_PARENT', 'parent must be an 8-digit tracking number', 'parent');
    }
    if (!isTrackingNumber(id)) throw new StaffHttpError(404, 'NOT_FOUND', `no request ${id}`);
    const updated = await requests.changeStatus(id, {
      status,
      by: 'staff',
      ...(note === undefined ? {} : { note }),
      ...(parent === undefined ? {} : { parent: parent as TrackingNumber }),
    });
    if (updated === undefined) throw new StaffHttpError(404, 'NOT_FOUND', `no request ${id}`);
    logger.info('staff changed a request', { request: id, status });
    res.json({ request: staffView(updated, catalog, requests) });
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const http = toStaffError(error);
    if (http.status >= 500) logger.error('staff request API failed', { error });
    res.status(http.status).json({
      error: { code: http.code, message: http.message, ...(http.field ? { field: http.field } : {}) },
    });
  });
  return router;
}

/** The PATCH body as an object of known fields; 400 for a list, or naming the first unknown field. */
function patchBody(body: unknown): Readonly<Record<string, unknown>> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new StaffHttpError(400, 'BAD_REQUEST', 'the body must be a JSON object');
  }
  const unknown = Object.keys(body).find((field) => !PATCH_FIELDS.has(field));
  if (unknown !== undefined) {
    throw new StaffHttpError(
      400,
      'UNKNOWN_FIELD',
      `unknown field "${unknown}" (use ${[...PATCH_FIELDS].join(', ')})`,
      unknown,
    );
  }
  return body as Record<string, unknown>;
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new StaffHttpError(400, 'BAD_REQUEST', `${field} must be text`, field);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** status: a request status, "open", "closed" or "delayed" (open past the expected day); limit: 1..500. */
function listFilter(query: Request['query']): RequestFilter & { delayed?: boolean } {
  const status = typeof query.status === 'string' && query.status !== '' ? query.status : undefined;
  const rawLimit = typeof query.limit === 'string' && query.limit !== '' ? query.limit : undefined;
  const limit = rawLimit === undefined ? STAFF_LIST_DEFAULT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > STAFF_LIST_MAX) {
    throw new StaffHttpError(
      400,
      'BAD_REQUEST',
      `limit must be a whole number from 1 to ${STAFF_LIST_MAX}`,
      'limit',
    );
  }
  const districts: Record<string, string> = {};
  for (const kind of DISTRICT_KINDS) {
    const value = query[`${kind}_district`];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !/^[\w-]{1,30}$/.test(value)) {
      throw new StaffHttpError(
        400,
        'BAD_REQUEST',
        `${kind}_district must be a district number or name`,
        `${kind}_district`,
      );
    }
    districts[kind] = value;
  }
  const base = { limit, ...(Object.keys(districts).length > 0 ? { districts } : {}) };
  if (status === undefined) return base;
  if (status === 'open' || status === 'closed') return { ...base, open: status === 'open' };
  if (status === 'delayed') return { ...base, delayed: true };
  if (isRequestStatus(status)) return { ...base, statuses: [status] };
  throw new StaffHttpError(400, 'INVALID_STATUS', `unknown status "${status}"`, 'status');
}

function districtLabel(districts: ServiceRequest['location']['districts']): string | null {
  const parts = DISTRICT_KINDS.filter((kind) => districts?.[kind]).map(
    (kind) => `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${districts![kind]}`,
  );
  return parts.length > 0 ? parts.join(', ') : null;
}

/** What the console shows: the request and its history; of the resident only the channel. */
function staffView(request: ServiceRequest, catalog: ServiceCatalog, requests: RequestService) {
  return {
    id: request.id,
    serviceCode: request.serviceCode,
    serviceName: catalog.get(request.serviceCode)?.name ?? request.serviceCode,
    status: request.status,
    statusNotes: request.statusNotes ?? null,
    location: request.location,
    /** "Council 5, Police 6, Sanitation 3B" (from the geocoder), or null when the place was not looked up. */
    district: districtLabel(request.location.districts),
    description: request.description,
    attributes: request.attributes,
    mediaUrl: request.mediaUrl ?? null,
    agency: request.agency,
    requestedAt: request.requestedAt,
    updatedAt: request.updatedAt,
    expectedAt: request.expectedAt ?? null,
    delayed: requests.isDelayed(request),
    channel: request.requester.channel,
    accountId: request.accountId ?? null,
    followers: request.followers.length,
    history: request.history,
  };
}

function toStaffError(error: unknown): StaffHttpError {
  if (error instanceof StaffHttpError) return error;
  if (error instanceof RequestError) {
    const code = error.code.toUpperCase().replace(/-/g, '_') as Uppercase<string>;
    switch (error.code) {
      case 'not-found':
        return new StaffHttpError(404, 'NOT_FOUND', error.message);
      case 'conflict':
        return new StaffHttpError(409, 'CONFLICT', error.message);
      case 'invalid-status':
      case 'invalid-transition':
      case 'missing-reason':
      case 'missing-parent':
      case 'invalid-parent':
        return new StaffHttpError(400, code, error.message, error.field);
      default:
        return new StaffHttpError(500, 'INTERNAL', 'The change could not be stored; try again.');
    }
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new StaffHttpError(
      status === 413 ? 413 : 400,
      'BAD_REQUEST',
      'The request body could not be read.',
    );
  }
  return new StaffHttpError(500, 'INTERNAL', 'Something went wrong; try again.');
}
