/**
 * STOP / START / HELP, honoured before any dialog sees the message.
 *
 * - SMS follows the carriers' and Twilio's list: a message that is only STOP,
 *   STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT is an opt-out. Twilio itself
 *   treats a lone CANCEL as an opt-out on its side, so on SMS a lone "cancel"
 *   opts out even in the middle of a report (the dialog's own cancel works
 *   with any other wording, e.g. "cancel report"). Twilio confirms opt-outs
 *   itself, so the bot sends nothing after an SMS STOP.
 * - Other channels (Slack, X, web chat) opt out on STOP, STOPALL and
 *   UNSUBSCRIBE only, and the bot confirms once; there "cancel", "end" and
 *   "quit" reach the dialogs.
 * - START / UNSTOP (and YES on SMS, while opted out) opt back in.
 * - HELP / INFO answer with a short help text on every channel.
 * - While someone is opted out, every other message they send is dropped
 *   unanswered: nothing is sent to them until they opt back in.
 */
import type { MiddlewareHandler, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { identityOf } from '../dialogs/identity.js';
import type { Logger } from './logger.js';
import type { OptOutStore } from './opt-out-store.js';

export const SMS_CHANNEL_ID = 'sms';
export const SMS_OPT_OUT_WORDS: ReadonlySet<string> = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
]);
export const OPT_OUT_WORDS: ReadonlySet<string> = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE']);
export const OPT_IN_WORDS: ReadonlySet<string> = new Set(['START', 'UNSTOP']);
export const SMS_OPT_IN_WORDS: ReadonlySet<string> = new Set(['START', 'UNSTOP', 'YES']);
export const HELP_WORDS: ReadonlySet<string> = new Set(['HELP', 'INFO']);

export type Keyword = 'opt-out' | 'opt-in' | 'help';

/**
 * Where a channel keeps what the person actually typed when it rewrote the
 * text (an SMS "4" becomes the fourth choice's value, say "Cancel"): keywords
 * are judged on the typed text, so choosing "Cancel" by number never opts out.
 */
export const TYPED_TEXT_KEY = 'typedText';

function typedText(activity: TurnContext['activity']): string | undefined {
  const typed = (activity.channelData as Record<string, unknown> | undefined)?.[TYPED_TEXT_KEY];
  return typeof typed === 'string' ? typed : activity.text;
}

/** The keyword a whole message is, if any: case, spaces and trailing punctuation are ignored. */
export function detectKeyword(text: string | undefined, channelId: string | undefined): Keyword | undefined {
  const word = (text ?? '')
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (!word) return undefined;
  const sms = channelId === SMS_CHANNEL_ID;
  if ((sms ? SMS_OPT_OUT_WORDS : OPT_OUT_WORDS).has(word)) return 'opt-out';
  if ((sms ? SMS_OPT_IN_WORDS : OPT_IN_WORDS).has(word)) return 'opt-in';
  if (HELP_WORDS.has(word)) return 'help';
  return undefined;
}

export interface KeywordTexts {
  readonly help: string;
  /** Sent once on channels where the provider does not confirm an opt-out itself. */
  readonly optedOut: string;
  readonly optedIn: string;
}

export function defaultKeywordTexts(cityName: string): KeywordTexts {
  return {
    help:
      `${cityName} 311 bot: ask a question (like "when is trash day"), report a problem ` +
      `(like "pothole at 1234 Spruce St") or send a tracking number for its status. ` +
      'Emergencies: call 911. Reply STOP to stop messages.',
    optedOut: `You will get no more messages from ${cityName} 311 here. Send START to resume.`,
    optedIn: `Welcome back to ${cityName} 311. Ask a question or report a problem. Reply STOP to stop.`,
  };
}

export interface KeywordsDeps {
  readonly optOuts: OptOutStore;
  readonly logger: Logger;
  readonly texts: KeywordTexts;
}

/** Channels whose provider sends its own opt-out confirmation (the bot must not). */
const PROVIDER_CONFIRMS_OPT_OUT: ReadonlySet<string> = new Set([SMS_CHANNEL_ID]);

export function keywordsMiddleware(deps: KeywordsDeps): MiddlewareHandler {
  const { optOuts, logger, texts } = deps;
  return async (context: TurnContext, next) => {
    const activity = context.activity;
    // Keyed by the channel the message really came through: no one opts out someone else's number.
    const { channel, userId } = identityOf(context);
    if (activity.type !== ActivityTypes.Message || !userId) return next();
    const keyword = detectKeyword(typedText(activity), channel);
    const optedOut = await optOuts.isOptedOut(channel, userId);

    if (keyword === 'opt-out') {
      if (!optedOut && !PROVIDER_CONFIRMS_OPT_OUT.has(channel)) await context.sendActivity(texts.optedOut);
      await optOuts.optOut(channel, userId, (typedText(activity) ?? '').trim().toUpperCase());
      logger.info('opted out', { channel, user: userId });
      return;
    }
    if (optedOut) {
      if (keyword !== 'opt-in') {
        logger.info('message from an opted-out user dropped', { channel, user: userId });
        return;
      }
      await optOuts.optIn(channel, userId);
      logger.info('opted in', { channel, user: userId });
      await context.sendActivity(texts.optedIn);
      return;
    }
    if (keyword === 'help') {
      await context.sendActivity(texts.help);
      return;
    }
    return next();
  };
}
