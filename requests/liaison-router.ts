import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type Clock, systemClock } from '../bot/clock.js';
import { type Logger, silentLogger } from '../bot/logger.js';
import type { FailedAttempts } from './failed-attempts.js';
import { LiaisonError } from './liaison-error.js';
import type { IssuedCode, LiaisonService } from './liaison-service.js';
import type { NeighborhoodSummary } from './liaison-summary.js';
import type { LiaisonAccount } from './liaison-types.js';
import { requireStaff } from './staff-auth.js';
import { isDelayed } from './time-frame.js';
import type { ServiceRequest } from './types.js';

/** A meeting's CSV is small; this leaves room for 500 rows with long descriptions. */
export const LIAISON_IMPORT_LIMIT = '1mb';
const LIST_MAX = 500;

export interface LiaisonRouterDeps {
  readonly liaisons: LiaisonService;
  /** config.staffToken. Without it every call answers 503: the API is never open. */
  readonly staffToken?: string;
  /** Wrong staff tokens per client, shared with every staff entry point; default: this router's own. */
  readonly staffAttempts?: FailedAttempts;
  /** The name residents know a service by, for request lists. */
  readonly serviceName?: (code: string) => string | undefined;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: Uppercase<string>,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The staff API for liaison accounts (Bearer STAFF_TOKEN; errors are
 * `{ error: { code, message, field? } }`, like /api/requests):
 * - POST   /api/liaisons {name, neighborhood, organisation} -> 201 {liaison, linkCode, linkCodeExpiresAt}
 * - GET    /api/liaisons, GET /api/liaisons/:id
 * - POST   /api/liaisons/:id/codes -> 201 a new one-time code (older unused codes stop working)
 * - DELETE /api/liaisons/:id (revoke), DELETE /api/liaisons/:id/identities/:channel/:userId (unlink)
 * - GET    /api/liaisons/:id/requests, GET /api/neighborhoods/:name/summary (byService entries carry
 *   serviceCode and serviceName)
 * - POST   /api/liaisons/:id/import (text/csv, or JSON {csv}) -> {filed, rejected}
 * Mount with `app.use(createLiaisonRouter(deps))`: the paths are absolute.
 */
export function createLiaisonRouter(deps: LiaisonRouterDeps): Router {
  const router = express.Router();
  const { liaisons } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const auth = requireStaff(deps.staffToken, deps.staffAttempts);
  const json = express.json({ limit: '16kb' });
  router.use('/api/liaisons', auth);
  router.use('/api/neighborhoods', auth);

  router.post('/api/liaisons', json, async (req, res) => {
    const body = bodyOf(req);
    const issued = await liaisons.createAccount({
      name: body.name,
      neighborhood: body.neighborhood,
      organisation: body.organisation ?? body.organization,
    });
    res.status(201).json(issuedView(issued));
  });

  router.get('/api/liaisons', async (_req, res) => {
    res.json({ liaisons: (await liaisons.list()).map(accountView) });
  });

  router.get('/api/liaisons/:id', async (req, res) => {
    res.json({ liaison: accountView(await found(liaisons, String(req.params.id))) });
  });

  router.post('/api/liaisons/:id/codes', async (req, res) => {
    res.status(201).json(issuedView(await liaisons.issueCode(String(req.params.id))));
  });

  router.delete('/api/liaisons/:id', async (req, res) => {
    res.json({ liaison: accountView(await liaisons.revoke(String(req.params.id))) });
  });

  router.delete('/api/liaisons/:id/identities/:channel/:userId', async (req, res) => {
    const identity = { channel: String(req.params.channel), userId: String(req.params.userId) };
    res.json({ liaison: accountView(await liaisons.revokeIdentity(String(req.params.id), identity)) });
  });

  router.get('/api/liaisons/:id/requests', async (req, res) => {
    const account = await found(liaisons, String(req.params.id));
    const raw = typeof req.query.limit === 'string' ? req.query.limit : String(LIST_MAX);
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX) {
      throw new HttpError(400, 'BAD_REQUEST', `limit must be a whole number from 1 to ${LIST_MAX}`, 'limit');
    }
    const requests = await liaisons.requestsOf(account.id, limit);
    const now = clock();
    res.json({ requests: requests.map((r) => requestView(r, now, deps.serviceName)) });
  });

  router.get('/api/neighborhoods/:name/summary', async (req, res) => {
    const summary = await liaisons.summary(String(req.params.name));
    if (summary === undefined) {
      throw new HttpError(404, 'NOT_FOUND', 'no liaison account serves that neighborhood');
    }
    res.json({ summary: summaryView(summary, deps.serviceName) });
  });

  router.post(
    '/api/liaisons/:id/import',
    express.text({ type: ['text/csv', 'text/plain'], limit: LIAISON_IMPORT_LIMIT }),
    express.json({ limit: LIAISON_IMPORT_LIMIT }),
    async (req, res) => {
      const csv = typeof req.body === 'string' ? req.body : bodyOf(req).csv;
      if (typeof csv !== 'string' || csv.trim() === '') {
        throw new HttpError(400, 'INVALID_CSV', 'send the CSV as text/csv, or as JSON {"csv": "..."}', 'csv');
      }
      const result = await liaisons.importCsv(String(req.params.id), csv);
      logger.info('staff imported liaison requests', {
        account: String(req.params.id),
        filed: result.filed.length,
        rejected: result.rejected.length,
      });
      res.status(result.filed.length > 0 ? 201 : 200).json(result);
    },
  );

  const onError = (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const http = toHttpError(error);
    if (http.status >= 500) logger.error('liaison API failed', { error });
    res.status(http.status).json({
      error: { code: http.code, message: http.message, ...(http.field ? { field: http.field } : {}) },
    });
  };
  router.use('/api/liaisons', onError);
  router.use('/api/neighborhoods', onError);
  return router;
}

async function found(liaisons: LiaisonService, id: string): Promise<LiaisonAccount> {
  const account = await liaisons.get(id);
  if (account === undefined) throw new HttpError(404, 'NOT_FOUND', `no liaison account ${id}`);
  return account;
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'BAD_REQUEST', 'send a JSON object');
  }
  return body as Record<string, unknown>;
}

/** What staff see of an account: never a code or its hash. */
function accountView(account: LiaisonAccount) {
  return {
    id: account.id,
    name: account.name,
    neighborhood: account.neighborhood,
    organisation: account.organisation,
    createdAt: account.createdAt,
    revokedAt: account.revokedAt ?? null,
    identities: account.identities.map((i) => ({
      channel: i.channel,
      userId: i.userId,
      linkedAt: i.linkedAt,
      revokedAt: i.revokedAt ?? null,
    })),
  };
}

function issuedView(issued: IssuedCode) {
  return {
    id: issued.account.id,
    liaison: accountView(issued.account),
    linkCode: issued.linkCode,
    linkCodeExpiresAt: issued.expiresAt,
  };
}

function requestView(request: ServiceRequest, now: Date, serviceName?: (code: string) => string | undefined) {
  return {
    id: request.id,
    serviceCode: request.serviceCode,
    serviceName: serviceName?.(request.serviceCode) ?? request.serviceCode,
    status: request.status,
    statusNotes: request.statusNotes ?? null,
    address: request.location.address ?? null,
    description: request.description,
    requestedAt: request.requestedAt,
    expectedAt: request.expectedAt ?? null,
    delayed: isDelayed(request, now),
    neighborhood: request.neighborhood ?? null,
    history: request.history,
  };
}

/** The summary with each service's name beside its code (the code again when the catalog has no name). */
function summaryView(summary: NeighborhoodSummary, serviceName?: (code: string) => string | undefined) {
  return {
    ...summary,
    byService: summary.byService.map((s) => ({
      ...s,
      serviceName: serviceName?.(s.serviceCode) ?? s.serviceCode,
    })),
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof LiaisonError) {
    const code = error.code.toUpperCase().replace(/-/g, '_') as Uppercase<string>;
    switch (error.code) {
      case 'not-found':
        return new HttpError(404, 'NOT_FOUND', error.message);
      case 'revoked':
      case 'conflict':
        return new HttpError(409, code, error.message);
      case 'invalid-field':
      case 'invalid-csv':
        return new HttpError(400, code, error.message, error.field);
      case 'too-many-rows':
        return new HttpError(413, code, error.message);
      default:
        return new HttpError(500, 'INTERNAL', 'The change could not be stored; try again.');
    }
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status === 413 ? 413 : 400, 'BAD_REQUEST', 'The request body could not be read.');
  }
  return new HttpError(500, 'INTERNAL', 'Something went wrong; try again.');
}
