/**
 * A loopback fake of Slack's Web API (auth.test and chat.postMessage) that
 * records what the bot posted, plus builders of signed Events API and
 * interactivity requests as Slack sends them.
 */
import { createHmac } from 'node:crypto';
import { listenLoopback, readBody, waitUntil } from './loopback-server.js';

export const TEST_SLACK_SECRET = 'test-slack-signing-secret';
export const TEST_SLACK_TOKEN = 'xoxb-test-token';
export const TEST_SLACK_BOT_USER = 'UBOT0001';
export const TEST_SLACK_TEAM = 'T0001';

export interface SlackPost {
  readonly token: string;
  readonly channel: string;
  readonly text: string;
  readonly threadTs?: string;
  readonly blocks?: readonly Record<string, unknown>[];
}

export interface FakeSlack {
  /** Web API base, e.g. http://127.0.0.1:1234/api (SLACK_API_URL). */
  readonly apiUrl: string;
  readonly posts: SlackPost[];
  authTests: number;
  /** Delay auth.test answers by this many ms (a slow Slack API). */
  authDelayMs: number;
  waitForCount(count: number, timeoutMs?: number): Promise<SlackPost[]>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const posts: SlackPost[] = [];
  let ts = 1_700_000_100;
  const fake: FakeSlack = {
    apiUrl: '',
    posts,
    authTests: 0,
    authDelayMs: 0,
    waitForCount: async (count, timeoutMs = 5000) => {
      await waitUntil(() => posts.length >= count, `${count} Slack posts (got ${posts.length})`, timeoutMs);
      return posts;
    },
    close: async () => {},
  };
  const server = await listenLoopback(async (req, res) => {
    const raw = await readBody(req);
    const params: Record<string, unknown> = (req.headers['content-type'] ?? '').includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(params.token ?? '');
    res.setHeader('content-type', 'application/json');
    const method = (req.url ?? '').replace(/^\/api\//, '');
    if (token !== TEST_SLACK_TOKEN) {
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
      return;
    }
    if (method === 'auth.test') {
      fake.authTests++;
      if (fake.authDelayMs) await new Promise((resolve) => setTimeout(resolve, fake.authDelayMs));
      res.end(
        JSON.stringify({
          ok: true,
          user_id: TEST_SLACK_BOT_USER,
          bot_id: 'BBOT0001',
          team_id: TEST_SLACK_TEAM,
          user: 'city311',
        }),
      );
      return;
    }
    if (method === 'chat.postMessage') {
      const blocks = typeof params.blocks === 'string' ? JSON.parse(params.blocks) : params.blocks;
      posts.push({
        token,
        channel: String(params.channel ?? ''),
        text: String(params.text ?? ''),
        threadTs: params.thread_ts === undefined ? undefined : String(params.thread_ts),
        blocks: blocks as SlackPost['blocks'],
      });
      ts += 1;
      res.end(JSON.stringify({ ok: true, channel: params.channel, ts: `${ts}.000100` }));
      return;
    }
    res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
  });
  return Object.assign(fake, { apiUrl: `${server.url}/api`, close: () => server.close() });
}

let eventCounter = 0;

/** An Events API envelope around one event. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${eventCounter++}`) {
  return {
    token: 'deprecated-verification-token',
    team_id: TEST_SLACK_TEAM,
    api_app_id: 'A0001',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEST_SLACK_TEAM, user_id: TEST_SLACK_BOT_USER, is_bot: true }],
  };
}

let tsCounter = 0;
export function nextTs(): string {
  tsCounter++;
  return `${1_700_000_000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
}

export function dmEvent(
  user: string,
  text: string,
  channel = `D${user}`,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'message',
    channel_type: 'im',
    channel,
    user,
    text,
    ts: nextTs(),
    team: TEST_SLACK_TEAM,
    ...extra,
  };
}

export function mentionEvent(
  user: string,
  text: string,
  channel = 'C0TOWNHALL',
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'app_mention',
    channel,
    user,
    text: `<@${TEST_SLACK_BOT_USER}> ${text}`,
    ts: nextTs(),
    ...extra,
  };
}

/** A block_actions payload for a press on one of the bot's buttons. */
export function buttonPayload(user: string, post: SlackPost, index: number) {
  const actions = post.blocks?.find((b) => b.type === 'actions') as
    | { elements: Record<string, unknown>[] }
    | undefined;
  const element = actions?.elements[index];
  if (!element) throw new Error(`no button ${index} in the post`);
  return {
    type: 'block_actions',
    user: { id: user, team_id: TEST_SLACK_TEAM },
    api_app_id: 'A0001',
    team: { id: TEST_SLACK_TEAM },
    container: {
      type: 'message',
      channel_id: post.channel,
      message_ts: '1700000101.000100',
      thread_ts: post.threadTs,
    },
    channel: { id: post.channel },
    message: { type: 'message', ts: '1700000101.000100', thread_ts: post.threadTs, text: post.text },
    trigger_id: '1.2.3',
    actions: [{ ...element, block_id: 'choices', action_ts: String(Date.now() / 1000) }],
  };
}

export interface SlackPostOptions {
  readonly secret?: string;
  /** Seconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  readonly retryNum?: number;
  readonly signature?: string | null;
  readonly form?: boolean;
}

/** POSTs to /slack/events signed with Slack's v0 scheme (JSON for events, form `payload=` for interactions). */
export async function postSlack(target: string, body: unknown, options: SlackPostOptions = {}) {
  const raw = options.form
    ? new URLSearchParams({ payload: JSON.stringify(body) }).toString()
    : typeof body === 'string'
      ? body
      : JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined
      ? `v0=${createHmac('sha256', options.secret ?? TEST_SLACK_SECRET)
          .update(`v0:${timestamp}:${raw}`)
          .digest('hex')}`
      : options.signature;
  const headers: Record<string, string> = {
    'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-slack-request-timestamp': String(timestamp),
  };
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (options.retryNum) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = Date.now();
  const res = await fetch(target, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}
