import { type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { TopicId } from '../knowledge/types.js';
import { isCancel as isCancelWord } from '../understanding/slots/text-intents.js';

/**
 * Replies of the intake and status dialogs: text, choices as suggestedActions
 * (imBack, title = value; channels render them) and the `channelData.explain`
 * record the `ask` tool and the evaluation read.
 */
export interface ReplyExplain {
  readonly outcome: 'service-request' | 'status';
  readonly topic: TopicId | null;
  readonly score: number;
  readonly alternatives: readonly { readonly topic: TopicId; readonly score: number }[];
  readonly field?: string;
  readonly matched?: string;
}

/**
 * Which slot a prompt asks for ("address", an attribute code, "description",
 * "photo", "noticed", "contact", "confirm", ...): `channelData.slot`, so a
 * transcript runner or a channel can tell the question without reading its text.
 */
export function reply(
  text: string,
  choices: readonly string[] = [],
  explain?: ReplyExplain,
  slot?: string,
): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text };
  if (choices.length > 0) {
    const actions: CardAction[] = choices.map((c) => ({ type: 'imBack', title: c, value: c }));
    activity.suggestedActions = { actions, to: [] };
  }
  if (explain || slot) activity.channelData = { ...(explain ? { explain } : {}), ...(slot ? { slot } : {}) };
  return activity;
}

function part(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-US', { ...options, timeZone }).format(date);
}

/** "Tue, Nov 25" in the city's time zone. */
export function formatDay(iso: string, timeZone: string): string {
  return part(new Date(iso), timeZone, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** "Nov 20" in the city's time zone. */
export function formatShortDate(iso: string, timeZone: string): string {
  return part(new Date(iso), timeZone, { month: 'short', day: 'numeric' });
}

export { zoneOffsetMinutes } from '../understanding/slots/date.js';

/** Lower-cased, trimmed, without surrounding punctuation: for matching short commands. */
export function commandText(text: string | undefined): string {
  return (text ?? '')
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(/^[\s.!?,]+|[\s.!?,]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** Yes to a confirmation, and nothing to give for an optional step ("no", "no photo", "n/a"): the slot reader's. */
export { isSkip, isYes } from '../understanding/slots/yes-no-skip.js';

/** The main dialog's cancel words (it lets the intake answer them) and a few more. */
export const isCancel = (text: string | undefined): boolean =>
  isCancelWord(text ?? '') ||
  /^(?:cancel (?:it|that|this|report|the report|my report)|abort|stop the report)$/.test(commandText(text));
export const isBack = (text: string | undefined): boolean =>
  /^(?:back|go back|previous|undo)$/.test(commandText(text));
export const isHelp = (text: string | undefined): boolean =>
  /^(?:help|help me|\?|what do you need|what do i say|ayuda)$/.test(commandText(text));
