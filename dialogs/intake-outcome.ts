import type { TurnContext } from 'botbuilder';
import type { Requester, ServiceRequest } from '../requests/types.js';
import { identityOf } from './identity.js';
import { commandText, formatDay, formatShortDate } from './intake-format.js';
import type { Prompt } from './intake-steps.js';

/**
 * What the intake says at its ends - filed, following an open report, filing
 * failed - and the duplicate offer; who the requester is. Pure helpers of the
 * intake dialog.
 */
export const FILING_FAILED =
  "Sorry - I couldn't file that just now, and nothing was saved. Reply YES to try again, or call 311.";

export function filedText(stored: ServiceRequest, timeZone: string): string {
  const expected = stored.expectedAt
    ? `Expect service by ${formatDay(stored.expectedAt, timeZone)}.`
    : "The city doesn't give a set time frame for this; I'll tell you when its status changes.";
  return `Filed! Your tracking number is #${stored.id}. ${expected} Text "status ${stored.id}" any time to check on it.`;
}

export function followedText(followed: ServiceRequest, timeZone: string): string {
  const expected = followed.expectedAt
    ? ` Expect service by ${formatDay(followed.expectedAt, timeZone)}.`
    : '';
  return `Done - you're following #${followed.id}. I'll let you know when its status changes.${expected}`;
}

export function duplicatePrompt(
  offered: { readonly id: string; readonly requestedAt: string },
  timeZone: string,
): Prompt {
  const received = formatShortDate(offered.requestedAt, timeZone);
  return {
    text: `There's already an open report here (#${offered.id}, received ${received}). I'll add you to it so you hear when it's fixed. Or reply NEW if this is a different problem.`,
    choices: ['Add me', 'New'],
  };
}

const NEW_PROBLEM =
  /^(?:2|new|new one|different|its different|a different (?:one|problem)|not the same|no|nope)\b/;
const FOLLOW = /^(?:1|add me|follow|follow it|yes|y|yeah|yep|ok|okay|sure|same|same one|thats it|add)\b/;

/** The answer to the duplicate offer: follow the open report, go on with a new one, or unclear. */
export function duplicateAnswer(text: string): 'follow' | 'new' | 'unclear' {
  const said = commandText(text);
  if (NEW_PROBLEM.test(said)) return 'new';
  return FOLLOW.test(said) ? 'follow' : 'unclear';
}

/** Who is filing (the channel the message really came through), and the conversation the notifier reaches them in. */
export function requesterOf(context: Pick<TurnContext, 'activity' | 'turnState'>): Requester {
  const { channel, userId } = identityOf(context);
  const conversationId = context.activity.conversation?.id;
  return { channel, userId: userId || 'unknown', ...(conversationId ? { conversationId } : {}) };
}
