/**
 * Twilio's inbound SMS/MMS webhook parameters -> a botbuilder message
 * Activity. Photos (MediaUrl0..N with MediaContentType0..N) become
 * attachments, which intake stores as the request's media_url. Twilio adds
 * parameters without notice: unknown ones are ignored.
 */
import type { Activity, Attachment } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';

export const SMS_CHANNEL_ID = 'sms';
/** Twilio sends at most 10 media per MMS. */
export const MAX_INBOUND_MEDIA = 10;

export type FormParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface InboundSms {
  readonly messageSid: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly media: readonly { readonly url: string; readonly contentType: string }[];
}

export type ParseResult =
  | { readonly ok: true; readonly message: InboundSms }
  | { readonly ok: false; readonly problem: string };

function one(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

const SID = /^[A-Z]{2}[0-9a-f]{32}$/i;
const ADDRESS = /^(\+?[0-9]{3,15}|[a-z]+:[^\s]{1,64})$/i;

/** Validates the parameters Twilio posts; anything malformed gets a problem description (for a 400). */
export function parseInboundSms(params: FormParams): ParseResult {
  const messageSid = one(params, 'MessageSid') ?? one(params, 'SmsMessageSid');
  const from = one(params, 'From');
  const to = one(params, 'To') ?? '';
  if (!messageSid || !SID.test(messageSid))
    return { ok: false, problem: 'MessageSid is missing or malformed' };
  if (!from || !ADDRESS.test(from)) return { ok: false, problem: 'From is missing or malformed' };
  const body = one(params, 'Body') ?? '';
  const count = Number(one(params, 'NumMedia') ?? '0');
  if (!Number.isInteger(count) || count < 0 || count > MAX_INBOUND_MEDIA) {
    return { ok: false, problem: 'NumMedia is malformed' };
  }
  const media: { url: string; contentType: string }[] = [];
  for (let i = 0; i < count; i++) {
    const url = one(params, `MediaUrl${i}`);
    if (!url || !/^https?:\/\//.test(url))
      return { ok: false, problem: `MediaUrl${i} is missing or malformed` };
    media.push({ url, contentType: one(params, `MediaContentType${i}`) ?? 'application/octet-stream' });
  }
  if (!body.trim() && media.length === 0)
    return { ok: false, problem: 'the message has no text and no media' };
  return { ok: true, message: { messageSid, from, to, body, media } };
}

export function smsToActivity(message: InboundSms, at: Date, serviceUrl: string): Partial<Activity> {
  const attachments: Attachment[] = message.media.map((m, i) => ({
    contentType: m.contentType,
    contentUrl: m.url,
    name: `photo-${i + 1}`,
  }));
  return {
    type: ActivityTypes.Message,
    id: message.messageSid,
    channelId: SMS_CHANNEL_ID,
    serviceUrl,
    timestamp: at,
    from: { id: message.from, name: '', role: 'user' },
    recipient: { id: message.to, name: '', role: 'bot' },
    conversation: { id: message.from, name: '', isGroup: false, conversationType: 'personal' },
    text: message.body.trim(),
    textFormat: 'plain',
    attachments: attachments.length > 0 ? attachments : undefined,
  };
}
