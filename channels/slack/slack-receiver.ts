/**
 * A Bolt receiver mounted on our express app at /slack/events (no
 * express.json() in front: the signature covers the raw body). It verifies
 * the signature with an injectable clock, answers Slack's url_verification
 * and ssl_check, stores each event in the inbox under its event_id before
 * acknowledging it (503 when it cannot: Slack retries), drops retried
 * deliveries of an event already stored (also after a restart), and hands
 * the rest to Bolt with an ack that answers the HTTP request. Events and button presses
 * carry no response, so they are acknowledged here before Bolt even
 * authorizes them (its auth.test may be slow); the 3-second deadline never
 * waits on Slack's API or on the bot.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Clock } from '../../bot/clock.js';
import type { InboxWorker } from '../../bot/inbox-worker.js';
import type { Logger } from '../../bot/logger.js';
import { SLACK_CHANNEL_ID } from './slack-inbound.js';
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
  /** Where events are stored before Slack is answered, and run from. */
  readonly inbox: InboxWorker;
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

  constructor(private readonly deps: SlackReceiverDeps) {
    deps.inbox.register(SLACK_CHANNEL_ID, (payload) => this.replay(payload as Body));
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
    if (body.type === 'event_callback' && eventId) {
      const { inbox } = this.deps;
      let outcome: Awaited<ReturnType<InboxWorker['accept']>>;
      try {
        outcome = await inbox.accept(SLACK_CHANNEL_ID, eventId, body);
      } catch (error) {
        logger.error('Slack event not stored; answering 503 so Slack retries', { error });
        res.status(503).end();
        return;
      }
      res.status(200).end();
      if (outcome === 'duplicate') {
        logger.info('Slack event already stored; retry acknowledged', { event: eventId, retryNum });
        return;
      }
      const work = inbox.process(SLACK_CHANNEL_ID, eventId, body);
      this.deps.track?.(work);
      await work;
      return;
    }
    const ack = async (response?: unknown): Promise<void> => {
      if (res.headersSent) return;
      if (response === undefined || response === '') res.status(200).end();
      else if (typeof response === 'string') res.status(200).type('text/plain').send(response);
      else res.status(200).json(response);
    };
    if (body.type === 'block_actions') await ack();
    const dispatch = this.dispatch(
      { body, ack, retryNum, retryReason: req.get('x-slack-retry-reason') },
      res,
    );
    this.deps.track?.(dispatch);
    await dispatch;
  }

  /** Bolt's middleware and listeners; may outlive the HTTP response. Never rejects. */
  private async dispatch(event: ReceiverEvent, res: Response): Promise<void> {
    try {
      await this.app?.processEvent(event);
      await event.ack();
    } catch (error) {
      this.deps.logger.error('Slack event failed', { error });
      // Not acknowledged: let Slack retry it.
      if (!res.headersSent) res.status(500).end();
    }
  }

  /** Runs a stored event through Bolt (first delivery, or again after a crash); true once its listeners ran. */
  private async replay(body: Body): Promise<boolean> {
    try {
      await this.app?.processEvent({ body, ack: async () => undefined });
      return true;
    } catch (error) {
      this.deps.logger.error('Slack event failed', { error });
      return false;
    }
  }
}
