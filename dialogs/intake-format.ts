import { type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { TopicId } from '../knowledge/types.js';
import { isCancel as isCancelWord } from './text-intents.js';

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

export function reply(
  text: string,
  choices: readonly string[] = [],
  explain?: ReplyExplain,
): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text };
  if (choices.length > 0) {
    const actions: CardAction[] = choices.map((c) => ({ type: 'imBack', title: c, value: c }));
    activity.suggestedActions = { actions, to: [] };
  }
  if (explain) activity.channelData = { explain };
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

/** Offset of a time zone from UTC at an instant, in minutes (for chrono-node's reference). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** Lower-cased, trimmed, without surrounding punctuation: for matching short commands. */
export function commandText(text: string | undefined): string {
  return (text ?? '')
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(/^[\s.!?,]+|[\s.!?,]+$/g, '')
    .replace(/\s+/g, ' ');
}

const YES =
  /^(?:y|yes|yeah|yep|yup|ok|okay|sure|correct|confirm|submit|file it|send it|thats right|looks good|go ahead|si|sí)$/;
const SKIP =
  /^(?:skip|no|nope|none|n\/a|na|no thanks|no thank you|not sure|dont know|i dont know|idk|unknown|pass|nothing)$/;

export const isYes = (text: string | undefined): boolean => YES.test(commandText(text));
export const isSkip = (text: string | undefined): boolean => SKIP.test(commandText(text));
/** The main dialog's cancel words (it lets the intake answer them) and a few more. */
export const isCancel = (text: string | undefined): boolean =>
  isCancelWord(text ?? '') ||
  /^(?:cancel (?:it|that|this|report|the report|my report)|abort|stop the report)$/.test(commandText(text));
export const isBack = (text: string | undefined): boolean =>
  /^(?:back|go back|previous|undo)$/.test(commandText(text));
export const isHelp = (text: string | undefined): boolean =>
  /^(?:help|help me|\?|what do you need|what do i say|ayuda)$/.test(commandText(text));
