/**
 * X Account Activity payloads -> botbuilder message Activities. Only
 * `direct_message_events` of type `message_create` are handled; the bot's
 * own messages echo back through the webhook and are skipped.
 */
import type { Activity } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';

export const X_CHANNEL_ID = 'x';

export interface InboundDm {
  readonly eventId: string;
  readonly senderId: string;
  readonly recipientId: string;
  readonly text: string;
  readonly createdAt?: Date;
  readonly mediaUrl?: string;
}

export type XParseResult =
  | { readonly ok: true; readonly messages: readonly InboundDm[]; readonly ignored: number }
  | { readonly ok: false; readonly problem: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const ID = /^[0-9]{1,25}$/;

function parseEvent(event: unknown, botUserId: string): InboundDm | 'ignore' | string {
  if (!isObject(event)) return 'an event is not an object';
  if (event.type !== 'message_create') return 'ignore';
  const create = event.message_create;
  const id = str(event.id);
  if (!id || !isObject(create)) return 'a message_create event has no id or body';
  const senderId = str(create.sender_id);
  const recipientId = str(isObject(create.target) ? create.target.recipient_id : undefined);
  const data = isObject(create.message_data) ? create.message_data : undefined;
  if (!senderId || !ID.test(senderId) || !recipientId || !data) return 'a message_create event is malformed';
  if (senderId === botUserId) return 'ignore';
  const media =
    isObject(data.attachment) && isObject(data.attachment.media) ? data.attachment.media : undefined;
  const mediaUrl = str(media?.media_url_https);
  let text = typeof data.text === 'string' ? data.text : '';
  // The t.co link to an attached photo is part of the text; the photo comes as an attachment instead.
  const mediaLink = str(media?.url);
  if (mediaLink) text = text.replace(mediaLink, '');
  const created = Number(str(event.created_timestamp));
  return {
    eventId: id,
    senderId,
    recipientId,
    text: text.trim(),
    createdAt: Number.isFinite(created) ? new Date(created) : undefined,
    mediaUrl: mediaUrl?.startsWith('https://') ? mediaUrl : undefined,
  };
}

/** Parses a webhook body; events for other accounts and non-DM events are ignored. */
export function parseXEvents(body: unknown, botUserId: string): XParseResult {
  if (!isObject(body)) return { ok: false, problem: 'the body is not a JSON object' };
  const forUser = body.for_user_id;
  const events = body.direct_message_events;
  if (events === undefined || (forUser !== undefined && forUser !== botUserId)) {
    return { ok: true, messages: [], ignored: Array.isArray(events) ? events.length : 0 };
  }
  if (!Array.isArray(events)) return { ok: false, problem: 'direct_message_events is not a list' };
  const messages: InboundDm[] = [];
  let ignored = 0;
  for (const event of events) {
    const parsed = parseEvent(event, botUserId);
    if (parsed === 'ignore') ignored++;
    else if (typeof parsed === 'string') return { ok: false, problem: parsed };
    else messages.push(parsed);
  }
  return { ok: true, messages, ignored };
}

export function dmToActivity(dm: InboundDm, at: Date): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: dm.eventId,
    channelId: X_CHANNEL_ID,
    timestamp: dm.createdAt ?? at,
    from: { id: dm.senderId, name: '', role: 'user' },
    recipient: { id: dm.recipientId, name: '', role: 'bot' },
    // One DM conversation per participant (the API addresses it by participant id).
    conversation: { id: dm.senderId, name: '', isGroup: false, conversationType: 'personal' },
    text: dm.text,
    textFormat: 'plain',
    attachments: dm.mediaUrl
      ? [{ contentType: 'image/jpeg', contentUrl: dm.mediaUrl, name: 'photo-1' }]
      : undefined,
  };
}
