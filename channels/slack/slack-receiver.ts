/**
 * A Bolt receiver mounted on our express app at /slack/events (no
 * express.json() in front: the signature covers the raw body). It verifies
 * the signature with an injectable clock, answers Slack's url_verification
 * and ssl_check, drops retried deliveries of an event it has seen
 * (x-slack-retry-num, deduped by event_id), and hands everything else to
 * Bolt with an ack that answers the HTTP request. Events and button presses
 * carry no response, so they are acknowledged here before Bolt even
 * authorizes them (its auth.test may be slow); the 3-second deadline never
 * waits on Slack's API or on the bot.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Clock } from '../../bot/clock.js';
import type { Logger } from '../../bot/logger.js';
import { RecentIds } from '../common/recent-ids.js';
import { verifySlackSignature } from './slack-signature.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack retries a request not acknowledged within 3 s. */
export const SLACK_ACK_DEADLINE_MS = 3_000;
/** Event and interaction payloads are small; a larger body is not from Slack. */
export const SLACK_BODY_LIMIT = '512kb';

type Body = Record<string, unknown>;

export interface SlackReceiverDeps {
  readonly signingSecret: string;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Told of each dispatch to Bolt, which may outlive the HTTP response (so tests and shutdown can wait). */
  readonly track?: (dispatch: Promise<void>) => void;
}

function parseBody(req: Request, raw: Buffer): Body | undefined {
  const text = raw.toString('utf8');
  try {
    if (req.is('application/json')) {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Body)
        : undefined;
    }
    const form = Object.fromEntries(new URLSearchParams(text));
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Body;
    return form;
  } catch {
    return undefined;
  }
}

export class SlackReceiver implements Receiver {
  readonly router = express.Router();
  private app: App | undefined;
  private readonly seen: RecentIds;

  constructor(private readonly deps: SlackReceiverDeps) {
    this.seen = new RecentIds({ clock: deps.clock });
    this.router.post(
      SLACK_EVENTS_PATH,
      (req: Request, res: Response, next: NextFunction) => {
        if (!req.is(['application/json', 'application/x-www-form-urlencoded'])) {
          res.status(415).send('Unsupported content type');
        } else next();
      },
      express.raw({ type: () => true, limit: SLACK_BODY_LIMIT }),
      (req: Request, res: Response) => this.handle(req, res),
    );
    this.router.use(SLACK_EVENTS_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      const status = (error as { status?: unknown }).status;
      res
        .status(typeof status === 'number' && status >= 400 && status < 500 ? status : 400)
        .send('Unreadable body');
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  private async handle(req: Request, res: Response): Promise<void> {
    const { logger } = this.deps;
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifySlackSignature({
      signingSecret: this.deps.signingSecret,
      rawBody,
      timestamp: req.get('x-slack-request-timestamp'),
      signature: req.get('x-slack-signature'),
      now: this.deps.clock(),
    });
    if (verdict !== 'ok') {
      logger.warn('Slack request refused', { verdict });
      res.status(401).send('Invalid signature');
      return;
    }
    const body = parseBody(req, rawBody);
    if (!body) {
      res.status(400).send('Malformed body');
      return;
    }
    if (body.ssl_check) {
      res.status(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      res.status(200).json({ challenge: body.challenge });
      return;
    }
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    const retryNum = Number(req.get('x-slack-retry-num') ?? '0') || undefined;
    if (eventId && !this.seen.firstSight(eventId)) {
      logger.info('Slack event already handled; retry acknowledged', { event: eventId, retryNum });
      res.status(200).end();
      return;
    }
    const ack = async (response?: unknown): Promise<void> => {
      if (res.headersSent) return;
      if (response === undefined || response === '') res.status(200).end();
      else if (typeof response === 'string') res.status(200).type('text/plain').send(response);
      else res.status(200).json(response);
    };
    if (body.type === 'event_callback' || body.type === 'block_actions') await ack();
    const dispatch = this.dispatch(
      { body, ack, retryNum, retryReason: req.get('x-slack-retry-reason') },
      eventId,
      res,
    );
    this.deps.track?.(dispatch);
    await dispatch;
  }

  /** Bolt's middleware and listeners; may outlive the HTTP response. Never rejects. */
  private async dispatch(event: ReceiverEvent, eventId: string | undefined, res: Response): Promise<void> {
    try {
      await this.app?.processEvent(event);
      await event.ack();
    } catch (error) {
      this.deps.logger.error('Slack event failed', { error });
      if (!res.headersSent) {
        // Not acknowledged: let Slack retry it, and do not drop the retry as a duplicate.
        if (eventId) this.seen.forget(eventId);
        res.status(500).end();
      }
    }
  }
}
