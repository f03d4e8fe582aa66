/**
 * A loopback fake of the X API's DM endpoint that records what the bot sent,
 * plus helpers to post signed Account Activity events to our webhook.
 */
import { createHmac, randomInt } from 'node:crypto';
import { listenLoopback, readBody, waitUntil } from './loopback-server.js';

export const TEST_X_SECRET = 'test-consumer-secret';
export const TEST_X_TOKEN = 'test-x-access-token';
export const TEST_X_BOT_ID = '1000000000000000001';

export interface SentDm {
  readonly participantId: string;
  readonly authorization: string;
  readonly text: string;
}

export interface FakeX {
  readonly url: string;
  readonly sent: SentDm[];
  /** Answer every send with this HTTP status instead of 201. */
  failWith?: number;
  to(participantId: string): SentDm[];
  waitForCount(count: number, timeoutMs?: number): Promise<SentDm[]>;
  close(): Promise<void>;
}

const SEND = /^\/2\/dm_conversations\/with\/([0-9]+)\/messages$/;

export async function startFakeX(): Promise<FakeX> {
  const sent: SentDm[] = [];
  const fake: FakeX = {
    url: '',
    sent,
    to: (id) => sent.filter((m) => m.participantId === id),
    waitForCount: async (count, timeoutMs = 5000) => {
      await waitUntil(
        () => sent.length >= count,
        `${count} DMs at the fake X API (got ${sent.length})`,
        timeoutMs,
      );
      return sent;
    },
    close: async () => {},
  };
  const server = await listenLoopback(async (req, res) => {
    const match = SEND.exec(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'POST' || !match) {
      res.statusCode = 404;
      res.end('{"title":"Not Found"}');
      return;
    }
    const body = JSON.parse(await readBody(req)) as { text?: string };
    if (fake.failWith) {
      res.statusCode = fake.failWith;
      res.end('{"title":"Too Many Requests"}');
      return;
    }
    sent.push({
      participantId: match[1]!,
      authorization: req.headers.authorization ?? '',
      text: body.text ?? '',
    });
    res.statusCode = 201;
    res.end(
      JSON.stringify({ data: { dm_conversation_id: `${match[1]}-x`, dm_event_id: String(randomInt(1e9)) } }),
    );
  });
  return Object.assign(fake, { url: server.url, close: () => server.close() });
}

export interface DmOptions {
  readonly senderId: string;
  readonly text: string;
  readonly eventId?: string;
  readonly recipientId?: string;
  readonly photo?: { readonly url: string; readonly tco: string };
}

/** An Account Activity payload with direct_message_events, as X posts it. */
export function dmPayload(
  messages: readonly DmOptions[],
  forUserId = TEST_X_BOT_ID,
): Record<string, unknown> {
  return {
    for_user_id: forUserId,
    direct_message_events: messages.map((m) => ({
      type: 'message_create',
      id: m.eventId ?? String(randomInt(1e12)),
      created_timestamp: String(Date.parse('2026-11-23T15:00:00Z')),
      message_create: {
        target: { recipient_id: m.recipientId ?? TEST_X_BOT_ID },
        sender_id: m.senderId,
        message_data: {
          text: m.photo ? `${m.text} ${m.photo.tco}` : m.text,
          entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
          ...(m.photo
            ? {
                attachment: {
                  type: 'media',
                  media: { media_url_https: m.photo.url, url: m.photo.tco, type: 'photo' },
                },
              }
            : {}),
        },
      },
    })),
    users: {},
  };
}

/** POSTs a raw body to the webhook signed as X signs it (HMAC-SHA256 of the raw body, base64). */
export async function postXWebhook(
  target: string,
  body: string,
  options: { secret?: string; signature?: string | null; contentType?: string } = {},
): Promise<{ status: number; body: string }> {
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', options.secret ?? TEST_X_SECRET)
          .update(body)
          .digest('base64')}`
      : options.signature;
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (signature !== null) headers['x-twitter-webhooks-signature'] = signature;
  const res = await fetch(target, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}
