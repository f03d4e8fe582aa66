/**
 * Renders one bot reply for SMS: plain GSM-safe text, numbered choices
 * ("Reply 1, 2 or 3"), split into messages of at most 320 characters; image
 * attachments with a public URL go out as MMS media on the first message.
 */
import type { Activity } from 'botbuilder';
import { choicesOf, type OfferedChoice, renderNumbered } from '../common/numbered-choices.js';
import { markdownToPlain, SMS_MAX_MESSAGE_CHARS, splitSms, toGsmSafe } from './sms-text.js';

export interface SmsMessage {
  readonly body: string;
  readonly mediaUrls: readonly string[];
}

export interface RenderedSms {
  readonly messages: readonly SmsMessage[];
  readonly choices: readonly OfferedChoice[];
}

/** At most 10 media per MMS (Twilio's limit). */
export const MAX_MMS_MEDIA = 10;

function mediaOf(activity: Partial<Activity>): string[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType?.startsWith('image/') && /^https?:\/\//.test(a.contentUrl ?? ''))
    .map((a) => a.contentUrl as string)
    .slice(0, MAX_MMS_MEDIA);
}

/**
 * Splits the text, and keeps the numbered choices together: they go with the
 * last piece of text when they fit, otherwise in a message of their own.
 */
function splitKeepingChoices(text: string, choices: readonly OfferedChoice[]): string[] {
  const whole = renderNumbered(text, choices);
  if (whole.length <= SMS_MAX_MESSAGE_CHARS || choices.length === 0) return splitSms(whole);
  const pieces = splitSms(text);
  const block = renderNumbered('', choices);
  const last = pieces.at(-1);
  if (last !== undefined && last.length + 1 + block.length <= SMS_MAX_MESSAGE_CHARS) {
    return [...pieces.slice(0, -1), `${last}\n${block}`];
  }
  return [...pieces, ...splitSms(block)];
}

export function renderSms(activity: Partial<Activity>): RenderedSms {
  const choices = choicesOf(activity);
  const choiceTitles = choices.map((c) => ({ ...c, title: toGsmSafe(markdownToPlain(c.title)) }));
  const text = toGsmSafe(markdownToPlain(activity.text ?? ''));
  const bodies = splitKeepingChoices(text, choiceTitles);
  const media = mediaOf(activity);
  const messages: SmsMessage[] = bodies.map((body, i) => ({ body, mediaUrls: i === 0 ? media : [] }));
  if (messages.length === 0 && media.length > 0) messages.push({ body: '', mediaUrls: media });
  return { messages, choices };
}
