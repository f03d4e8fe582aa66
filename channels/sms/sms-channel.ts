/**
 * POST /sms: Twilio's inbound SMS/MMS webhook. Verifies X-Twilio-Signature
 * against the URL Twilio called (PUBLIC_URL plus the path and query as
 * received) and all posted parameters (403 otherwise), stores the message in
 * the inbox under its MessageSid (503 when it cannot: Twilio retries), answers
 * with empty TwiML and runs the turn afterwards; a MessageSid already stored
 * is acknowledged and dropped, also after a restart. Replies go out through
 * Twilio's REST API.
 */
import type { Activity } from 'botbuilder';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Clock } from '../../bot/clock.js';
import { systemClock } from '../../bot/clock.js';
import type { TwilioConfig } from '../../bot/config.js';
import type { InboxWorker } from '../../bot/inbox-worker.js';
import type { OptOutStore } from '../../bot/opt-out-store.js';
import type { MessageAdapterDeps } from '../common/message-adapter.js';
import { SmsAdapter } from './sms-adapter.js';
import { type FormParams, parseInboundSms, SMS_CHANNEL_ID, smsToActivity } from './sms-inbound.js';
import { createThreadedTwilioSender } from './threaded-sender.js';
import { createTwilioSender, type SmsSender } from './twilio-sender.js';
import { twilioWebhookUrl, verifyTwilioSignature } from './twilio-signature.js';

export const SMS_PATH = '/sms';
/** Twilio gives up on a webhook after 15 s; we answer in milliseconds and work afterwards. */
export const TWILIO_WEBHOOK_TIMEOUT_MS = 15_000;
/** Inbound SMS parameters are a few kB; anything larger is not from Twilio. */
export const SMS_BODY_LIMIT = '64kb';
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const TWIML_HEADERS = {
  'Content-Type': 'text/xml; charset=utf-8',
  'Content-Length': String(Buffer.byteLength(EMPTY_TWIML)),
};

export interface SmsChannelDeps extends MessageAdapterDeps {
  readonly twilio: TwilioConfig;
  /** Public base URL Twilio calls (PUBLIC_URL); the signature covers it plus the path and query received. */
  readonly publicUrl: string;
  readonly optOuts: OptOutStore;
  /** Where messages are stored before Twilio is answered, and run from. */
  readonly inbox: InboxWorker;
  /** Defaults to Twilio's REST client, on its own thread unless `twilio.sendThread` is false (pointed at `twilio.apiUrl` when set). */
  readonly sender?: SmsSender;
  readonly clock?: Clock;
}

export interface SmsChannel {
  readonly router: express.Router;
  readonly adapter: SmsAdapter;
  /** Stops the Twilio sender's thread (after the last turn: shutdown, tests). */
  close(): Promise<void>;
}

function reject(res: Response, status: number, reason: string): void {
  res.status(status).type('text/plain').send(reason);
}

export function createSmsChannel(deps: SmsChannelDeps): SmsChannel {
  const clock = deps.clock ?? systemClock;
  let sender = deps.sender;
  let close = async (): Promise<void> => {};
  if (!sender && deps.twilio.sendThread === false) {
    sender = createTwilioSender(deps.twilio);
  } else if (!sender) {
    const threaded = createThreadedTwilioSender(deps.twilio, deps.logger);
    sender = threaded;
    close = () => threaded.close();
  }
  const adapter = new SmsAdapter({ ...deps, sender });
  const { logger, inbox } = deps;
  inbox.register(SMS_CHANNEL_ID, (payload) => adapter.receive(payload as Partial<Activity>));

  const handle = async (req: Request, res: Response): Promise<void> => {
    const params = (req.body ?? {}) as FormParams;
    const signature = req.get('x-twilio-signature');
    const url = twilioWebhookUrl(deps.publicUrl, req.originalUrl);
    if (
      url === undefined ||
      !verifyTwilioSignature({ authToken: deps.twilio.authToken, url, params, signature })
    ) {
      logger.warn('SMS webhook: bad or missing signature', { signature: signature ? 'invalid' : 'missing' });
      reject(res, 403, 'Invalid Twilio signature');
      return;
    }
    const parsed = parseInboundSms(params);
    if (!parsed.ok) {
      logger.warn('SMS webhook: malformed message', { problem: parsed.problem });
      reject(res, 400, parsed.problem);
      return;
    }
    const { message } = parsed;
    const activity = smsToActivity(message, clock(), deps.publicUrl);
    let outcome: Awaited<ReturnType<InboxWorker['accept']>>;
    try {
      outcome = await inbox.accept(SMS_CHANNEL_ID, message.messageSid, activity);
    } catch (error) {
      logger.error('SMS webhook: message not stored; answering 503 so Twilio retries', { error });
      reject(res, 503, 'Temporarily unavailable');
      return;
    }
    // Written directly: express's send() would hash the fixed TwiML for an ETag Twilio never uses.
    res.writeHead(200, TWIML_HEADERS).end(EMPTY_TWIML);
    if (outcome === 'duplicate') {
      logger.info('SMS webhook: duplicate delivery ignored', { sid: message.messageSid });
      return;
    }
    logger.debug('SMS received', { from: message.from, media: message.media.length });
    void inbox.process(SMS_CHANNEL_ID, message.messageSid, activity);
  };

  const router = express.Router();
  router.post(
    SMS_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('application/x-www-form-urlencoded')) reject(res, 415, 'Expected a form-encoded body');
      else next();
    },
    express.urlencoded({ extended: false, limit: SMS_BODY_LIMIT, parameterLimit: 200 }),
    handle,
  );
  router.use(SMS_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
    logger.warn('SMS webhook: unreadable body', { status: code });
    reject(res, code, 'Unreadable request body');
  });
  return { router, adapter, close };
}
