/**
 * Slack events -> botbuilder message Activities. A conversation is a DM
 * (its channel id) or a thread ("C123:1700000000.000100"): replies go to the
 * same DM or thread. Direct messages, @mentions and button presses arrive;
 * edits, bot messages and other subtypes are ignored.
 */
import type { Activity, Attachment } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';

export const SLACK_CHANNEL_ID = 'slack';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export interface SlackAddress {
  readonly channel: string;
  readonly threadTs?: string;
}

export function conversationIdOf(address: SlackAddress): string {
  return address.threadTs ? `${address.channel}:${address.threadTs}` : address.channel;
}

export function addressOf(conversationId: string): SlackAddress {
  const [channel = '', threadTs] = conversationId.split(':');
  return threadTs ? { channel, threadTs } : { channel };
}

/** Slack's message markup to plain text: mentions, channel links, links and HTML escapes. */
export function slackToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? '' : '@someone'))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<(?:mailto:)?([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function filesOf(event: Json): Attachment[] | undefined {
  if (!Array.isArray(event.files)) return undefined;
  const files = event.files.filter(isObject).flatMap((f): Attachment[] => {
    const url = str(f.url_private);
    return url
      ? [{ contentType: str(f.mimetype) ?? 'application/octet-stream', contentUrl: url, name: str(f.name) }]
      : [];
  });
  return files.length > 0 ? files : undefined;
}

function activity(
  id: string,
  user: string,
  botUserId: string,
  address: SlackAddress,
  text: string,
  attachments?: Attachment[],
): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id,
    channelId: SLACK_CHANNEL_ID,
    timestamp: new Date(Number(id.split(':')[0]) * 1000 || Date.now()),
    from: { id: user, name: '', role: 'user' },
    recipient: { id: botUserId, name: '', role: 'bot' },
    conversation: {
      id: conversationIdOf(address),
      name: '',
      isGroup: address.channel.startsWith('C') || address.channel.startsWith('G'),
      conversationType: address.channel.startsWith('D') ? 'personal' : 'channel',
    },
    text,
    textFormat: 'plain',
    attachments,
  };
}

/** A `message` event in a DM with the bot (user messages only), or undefined. */
export function directMessageToActivity(event: unknown, botUserId: string): Partial<Activity> | undefined {
  if (!isObject(event) || event.type !== 'message' || event.channel_type !== 'im') return undefined;
  if (event.subtype !== undefined && event.subtype !== 'file_share') return undefined;
  const user = str(event.user);
  const channel = str(event.channel);
  const ts = str(event.ts);
  if (!user || !channel || !ts || event.bot_id !== undefined || user === botUserId) return undefined;
  const text = slackToPlain(typeof event.text === 'string' ? event.text : '', botUserId);
  const files = filesOf(event);
  if (!text && !files) return undefined;
  return activity(ts, user, botUserId, { channel, threadTs: str(event.thread_ts) }, text, files);
}

/** An `app_mention` in a channel; the reply goes to the mention's thread. */
export function mentionToActivity(event: unknown, botUserId: string): Partial<Activity> | undefined {
  if (!isObject(event) || event.type !== 'app_mention') return undefined;
  const user = str(event.user);
  const channel = str(event.channel);
  const ts = str(event.ts);
  if (!user || !channel || !ts || event.bot_id !== undefined || user === botUserId) return undefined;
  const text = slackToPlain(typeof event.text === 'string' ? event.text : '', botUserId);
  const files = filesOf(event);
  return activity(ts, user, botUserId, { channel, threadTs: str(event.thread_ts) ?? ts }, text, files);
}

/** A press on one of our choice buttons: answers the prompt like typed text. */
export function buttonToActivity(body: unknown, botUserId: string): Partial<Activity> | undefined {
  if (!isObject(body) || body.type !== 'block_actions' || !Array.isArray(body.actions)) return undefined;
  const action = body.actions[0];
  const user = isObject(body.user) ? str(body.user.id) : undefined;
  const container = isObject(body.container) ? body.container : {};
  const message = isObject(body.message) ? body.message : {};
  const channel = (isObject(body.channel) ? str(body.channel.id) : undefined) ?? str(container.channel_id);
  const value = isObject(action) ? str(action.value) : undefined;
  if (!user || !channel || value === undefined) return undefined;
  const threadTs = str(message.thread_ts) ?? str(container.thread_ts);
  const id = `${str(isObject(action) ? action.action_ts : undefined) ?? Date.now() / 1000}:button`;
  return activity(id, user, botUserId, { channel, threadTs }, value);
}
