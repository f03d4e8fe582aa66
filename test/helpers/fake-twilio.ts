/**
 * A loopback fake of Twilio's REST API (Messages resource only) that records
 * what the bot sent. Point the real `twilio` client at `fake.url`.
 */
import { randomBytes } from 'node:crypto';
import { listenLoopback, readBody, waitUntil } from './loopback-server.js';

export interface SentSms {
  readonly accountSid: string;
  /** Basic-auth user the client used. */
  readonly username: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly mediaUrls: readonly string[];
}

export interface FakeTwilio {
  readonly url: string;
  readonly sent: SentSms[];
  /** TCP connections the bot opened to the fake so far. */
  readonly connections: number;
  /** Numbers for which the fake answers like Twilio does after STOP (error 21610). */
  readonly unsubscribed: Set<string>;
  /** Answer this many of the next sends with 429 Too Many Requests. */
  rateLimitNext: number;
  /** Answer every send this many ms late (a slow Twilio API). */
  delayMs: number;
  /** Messages sent to one number, in order. */
  to(number: string): SentSms[];
  waitForCount(count: number, timeoutMs?: number): Promise<SentSms[]>;
  close(): Promise<void>;
}

const MESSAGES = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const sent: SentSms[] = [];
  const unsubscribed = new Set<string>();
  const state = { rateLimitNext: 0, delayMs: 0 };
  const server = await listenLoopback(async (req, res) => {
    const match = MESSAGES.exec(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'POST' || !match) {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
      return;
    }
    const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    const form = new URLSearchParams(await readBody(req));
    if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    const to = form.get('To') ?? '';
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      res.statusCode = 429;
      res.end(JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }));
      return;
    }
    if (unsubscribed.has(to)) {
      res.statusCode = 400;
      res.end(
        JSON.stringify({ code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 }),
      );
      return;
    }
    const message: SentSms = {
      accountSid: match[1]!,
      username: auth.split(':')[0] ?? '',
      from: form.get('From') ?? '',
      to,
      body: form.get('Body') ?? '',
      mediaUrls: form.getAll('MediaUrl'),
    };
    sent.push(message);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    res.statusCode = 201;
    res.end(
      JSON.stringify({
        sid,
        account_sid: message.accountSid,
        to,
        from: message.from,
        body: message.body,
        status: 'queued',
      }),
    );
  });
  return {
    url: server.url,
    get connections() {
      return server.connections;
    },
    sent,
    unsubscribed,
    get rateLimitNext() {
      return state.rateLimitNext;
    },
    set rateLimitNext(n: number) {
      state.rateLimitNext = n;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    to: (number) => sent.filter((m) => m.to === number),
    async waitForCount(count, timeoutMs = 5000) {
      await waitUntil(
        () => sent.length >= count,
        `${count} SMS at the fake Twilio (got ${sent.length})`,
        timeoutMs,
      );
      return sent;
    },
    close: () => server.close(),
  };
}
