import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Clock } from '../../bot/clock.js';
import type { CorrectionsStore } from '../../bot/corrections-store.js';
import type { ExplainOutcome } from '../../bot/explain.js';
import type { Logger } from '../../bot/logger.js';
import type { Article, TopicId } from '../../knowledge/types.js';
import type { FailedAttempts } from '../../requests/failed-attempts.js';
import type { Outbox } from '../../requests/outbox.js';
import type { DirectLine } from '../directline/index.js';
import { newConversationId, randomUserId } from '../directline/index.js';
import { securityHeaders } from './html.js';
import { StaffAuth } from './staff-auth.js';
import { STAFF_LIAISONS_PATH, staffLiaisonsPage } from './staff-liaisons-page.js';
import { staffConsolePage, staffLoginPage, staffUnconfiguredPage } from './staff-pages.js';
import { parseTestSet, type QuestionRunner, runTestSet, TestSetError } from './test-set.js';

const OUTCOMES: readonly ExplainOutcome[] = [
  'answer',
  'clarify',
  'no-match',
  'emergency',
  'service-request',
  'status',
  'menu',
  'other',
];

export interface StaffRouterDeps {
  readonly cityName: string;
  readonly staffToken?: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly articles: readonly Article[];
  readonly directLine: Pick<DirectLine, 'tokens'>;
  readonly corrections: CorrectionsStore;
  /** Runs a test-set question through the bot (see `consoleQuestionRunner`); absent: 503. */
  readonly runQuestion?: QuestionRunner;
  /** Wrong staff tokens per client, shared with the other staff APIs; default: this router's own. */
  readonly staffAttempts?: FailedAttempts;
}

export interface StaffRouter {
  readonly router: Router;
  readonly auth: StaffAuth;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Changes must arrive as JSON: a cross-site form cannot send it without CORS, which we never allow. */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('application/json')) {
    fail(res, 415, 'JSON_REQUIRED', 'Send JSON (Content-Type: application/json).');
    return;
  }
  next();
}

/** The staff console (/staff) and its APIs (/api/staff/*), behind STAFF_TOKEN. */
export function createStaffRouter(deps: StaffRouterDeps): StaffRouter {
  const auth = new StaffAuth(deps.staffToken, deps.clock, deps.staffAttempts);
  const topics = new Set(deps.articles.map((a) => String(a.id)));
  const router = express.Router();
  router.use(['/staff', '/api/staff'], securityHeaders);

  /** The sign-in page with 429 while the client is over its wrong tokens. */
  const tooManySignIns = (res: Response, retryAfter: number, next?: string) => {
    const minutes = Math.ceil(retryAfter / 60);
    res.status(429).set('Retry-After', String(retryAfter)).type('html');
    res.send(
      staffLoginPage(
        deps.cityName,
        `Too many wrong tokens. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        next,
      ),
    );
  };

  /** A staff page: the sign-in form until there is a session (then back to `next`), 503 when unconfigured. */
  const staffPage =
    (render: (cityName: string) => string, next?: string) => async (req: Request, res: Response) => {
      const result = await auth.check(req);
      res.set('Cache-Control', 'no-store');
      if (result.kind === 'unconfigured')
        res.status(503).type('html').send(staffUnconfiguredPage(deps.cityName));
      else if (result.kind === 'limited') tooManySignIns(res, result.retryAfter, next);
      else if (result.kind === 'denied')
        res.type('html').send(staffLoginPage(deps.cityName, undefined, next));
      else res.type('html').send(render(deps.cityName));
    };
  router.get('/staff', staffPage(staffConsolePage));
  router.get(STAFF_LIAISONS_PATH, staffPage(staffLiaisonsPage, STAFF_LIAISONS_PATH));

  router.post('/staff/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    // Only our own staff pages: never an address taken from the form.
    const next = body?.next === STAFF_LIAISONS_PATH ? STAFF_LIAISONS_PATH : undefined;
    const result = await auth.tryToken(req, body?.token);
    if (result.kind === 'unconfigured') {
      res.status(503).type('html').send(staffUnconfiguredPage(deps.cityName));
      return;
    }
    if (result.kind === 'limited') {
      deps.logger.warn('staff sign-in refused: too many wrong tokens');
      tooManySignIns(res, result.retryAfter, next);
      return;
    }
    if (result.kind === 'denied') {
      deps.logger.warn('staff sign-in refused');
      res
        .status(401)
        .type('html')
        .send(staffLoginPage(deps.cityName, 'That staff token is not right.', next));
      return;
    }
    auth.startSession(req, res);
    res.redirect(303, next ?? '/staff');
  });

  router.post('/staff/logout', (_req, res) => {
    auth.endSession(res);
    res.redirect(303, '/staff');
  });

  const api = express.Router();
  api.use(auth.requireStaff);

  api.post('/webchat/token', (_req, res) => {
    const issued = deps.directLine.tokens.issue({
      conversationId: newConversationId(),
      userId: randomUserId(),
      staff: true,
    });
    res.set('Cache-Control', 'no-store').json(issued);
  });

  api.get('/corrections', async (req, res) => {
    const corrections = await deps.corrections.list();
    if (req.query.download !== undefined) {
      res.attachment('corrections.json');
    }
    res.set('Cache-Control', 'no-store').json({ corrections });
  });

  api.post('/corrections', requireJson, express.json({ limit: '16kb' }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const question = typeof body.question === 'string' ? body.question.trim() : '';
    const outcome = OUTCOMES.find((o) => o === body.outcome);
    const answered = body.answeredTopic;
    const correct = body.correctTopic;
    if (!question || question.length > 4_000) {
      fail(res, 400, 'BAD_CORRECTION', '"question" must have 1 to 4000 characters.');
      return;
    }
    if (!outcome) {
      fail(res, 400, 'BAD_CORRECTION', `"outcome" must be one of ${OUTCOMES.join(', ')}.`);
      return;
    }
    if (answered !== null && !(typeof answered === 'string' && topics.has(answered))) {
      fail(res, 400, 'BAD_CORRECTION', '"answeredTopic" must be a topic id or null.');
      return;
    }
    if (correct !== null && !(typeof correct === 'string' && topics.has(correct))) {
      fail(res, 400, 'BAD_CORRECTION', '"correctTopic" must be a topic id, or null for out of scope.');
      return;
    }
    const score = typeof body.score === 'number' && Number.isFinite(body.score) ? body.score : 0;
    const note =
      typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 1_000) : undefined;
    const stored = await deps.corrections.add({
      question,
      outcome,
      answeredTopic: answered as TopicId | null,
      score,
      correctTopic: correct as TopicId | null,
      ...(note ? { note } : {}),
      by: 'staff',
    });
    res.status(201).json(stored);
  });

  api.post(
    '/test-set',
    express.text({ type: ['text/plain', 'application/x-ndjson', 'application/jsonl'], limit: '1mb' }),
    async (req, res) => {
      if (!deps.runQuestion) {
        fail(res, 503, 'TEST_SET_UNAVAILABLE', 'The test-set runner is not configured.');
        return;
      }
      if (typeof req.body !== 'string') {
        fail(res, 415, 'TEXT_REQUIRED', 'Send the JSONL as text/plain.');
        return;
      }
      try {
        const report = await runTestSet(parseTestSet(req.body), deps.runQuestion);
        res.json(report);
      } catch (error) {
        if (error instanceof TestSetError) {
          fail(res, 400, error.code, error.message);
          return;
        }
        throw error;
      }
    },
  );

  router.use('/api/staff', api);

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') fail(res, 400, 'BAD_JSON', 'The body is not valid JSON.');
    else if (type === 'entity.too.large') fail(res, 413, 'TOO_LARGE', 'The body is too large.');
    else next(error);
  });

  return { router, auth };
}

/** Where staff see status notices not sent yet or given up. */
export const STAFF_NOTICES_PATH = '/api/staff/notices';

const NOTICE_STATUSES = ['pending', 'failed'] as const;

/**
 * `GET /api/staff/notices?status=failed|pending&limit=` (default both, 100;
 * at most 1000): status notices the outbox still holds, newest first, with
 * the request, the channels that failed, attempts and the last error code.
 * No message text and no recipient: like /api/requests, only channel names.
 * Bearer STAFF_TOKEN or the console's session (the same `auth`, so wrong
 * tokens count with the other staff APIs). Mount before `createStaffRouter`'s
 * router: `{ path: '/', handler: createStaffNoticesRouter(...) }`.
 */
export function createStaffNoticesRouter(deps: {
  readonly notices: Pick<Outbox, 'list'>;
  readonly auth: StaffAuth;
}): Router {
  const router = express.Router();
  router.get(STAFF_NOTICES_PATH, securityHeaders, deps.auth.requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const { status, limit } = req.query;
    const wanted = NOTICE_STATUSES.find((s) => s === status);
    if (status !== undefined && wanted === undefined) {
      fail(res, 400, 'BAD_STATUS', '"status" must be pending or failed.');
      return;
    }
    const count = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      fail(res, 400, 'BAD_LIMIT', '"limit" must be a whole number from 1 to 1000.');
      return;
    }
    const notices = await deps.notices.list({ ...(wanted ? { status: wanted } : {}), limit: count });
    res.json({
      notices: notices.map((n) => ({
        requestId: n.requestId,
        status: n.status,
        channels: n.failedChannels,
        createdAt: n.createdAt,
        attempts: n.attempts,
        nextAttemptAt: n.status === 'pending' ? n.dueAt : null,
        lastError: n.lastError ?? null,
      })),
    });
  });
  return router;
}
