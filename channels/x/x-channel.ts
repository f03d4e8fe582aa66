/**
 * GET /x/webhook answers X's CRC challenge; POST /x/webhook verifies the
 * signature over the raw body, stores each direct message in the inbox under
 * its event id (503 when it cannot: X retries), acknowledges, skips the bot's
 * own echoes and events already stored, and runs one turn per direct message.
 */
import type { Activity } from 'botbuilder';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Clock } from '../../bot/clock.js';
import { systemClock } from '../../bot/clock.js';
import type { XConfig } from '../../bot/config.js';
import type { InboxWorker } from '../../bot/inbox-worker.js';
import type { MessageAdapterDeps } from '../common/message-adapter.js';
import { XAdapter } from './x-adapter.js';
import { createXSender, type XSender } from './x-client.js';
import { dmToActivity, parseXEvents, X_CHANNEL_ID } from './x-inbound.js';
import { crcResponseToken, verifyXSignature } from './x-signature.js';

export const X_WEBHOOK_PATH = '/x/webhook';
/** X expects the CRC answer and event acknowledgements within 3 seconds. */
export const X_ACK_DEADLINE_MS = 3_000;
/** DM event payloads are small; a larger body is not from X. */
export const X_BODY_LIMIT = '256kb';
export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

export interface XChannelDeps extends MessageAdapterDeps {
  readonly x: XConfig;
  /** Where direct messages are stored before X is answered, and run from. */
  readonly inbox: InboxWorker;
  /** Defaults to the X API at `x.apiUrl`. */
  readonly sender?: XSender;
  readonly clock?: Clock;
}

export interface XChannel {
  readonly router: express.Router;
  readonly adapter: XAdapter;
}

function reject(res: Response, status: number, reason: string): void {
  res.status(status).json({ error: reason });
}

export function createXChannel(deps: XChannelDeps): XChannel {
  const clock = deps.clock ?? systemClock;
  const sender = deps.sender ?? createXSender(deps.x);
  const adapter = new XAdapter({ ...deps, sender });
  const { logger, inbox } = deps;
  inbox.register(X_CHANNEL_ID, (payload) => adapter.receive(payload as Partial<Activity>));

  const crc = (req: Request, res: Response): void => {
    const token = req.query.crc_token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) {
      reject(res, 400, 'crc_token is required');
      return;
    }
    res.status(200).json({ response_token: crcResponseToken(deps.x.consumerSecret, token) });
  };

  const events = async (req: Request, res: Response): Promise<void> => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get(X_SIGNATURE_HEADER);
    if (!verifyXSignature({ consumerSecret: deps.x.consumerSecret, rawBody, signature })) {
      logger.warn('X webhook: bad or missing signature', { signature: signature ? 'invalid' : 'missing' });
      reject(res, 403, 'invalid signature');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      reject(res, 400, 'the body is not JSON');
      return;
    }
    const parsed = parseXEvents(body, deps.x.botUserId);
    if (!parsed.ok) {
      logger.warn('X webhook: malformed events', { problem: parsed.problem });
      reject(res, 400, parsed.problem);
      return;
    }
    const accepted: { id: string; activity: Partial<Activity> }[] = [];
    try {
      for (const dm of parsed.messages) {
        const activity = dmToActivity(dm, clock());
        if ((await inbox.accept(X_CHANNEL_ID, dm.eventId, activity)) === 'new') {
          accepted.push({ id: dm.eventId, activity });
        } else {
          logger.info('X webhook: duplicate event ignored', { event: dm.eventId });
        }
      }
    } catch (error) {
      // What was stored before the failure runs now; X's retry finds it stored and runs the rest.
      logger.error('X webhook: event not stored; answering 503 so X retries', { error });
      reject(res, 503, 'temporarily unavailable');
      for (const { id, activity } of accepted) void inbox.process(X_CHANNEL_ID, id, activity);
      return;
    }
    res.status(200).end();
    for (const { id, activity } of accepted) void inbox.process(X_CHANNEL_ID, id, activity);
  };

  const router = express.Router();
  router.get(X_WEBHOOK_PATH, crc);
  router.post(
    X_WEBHOOK_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('application/json')) reject(res, 415, 'expected a JSON body');
      else next();
    },
    express.raw({ type: () => true, limit: X_BODY_LIMIT }),
    events,
  );
  router.use(X_WEBHOOK_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
    logger.warn('X webhook: unreadable body', { status: code });
    reject(res, code, 'unreadable request body');
  });
  return { router, adapter };
}
