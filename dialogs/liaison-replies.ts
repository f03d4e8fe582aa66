import type { NeighborhoodSummary } from '../requests/liaison-summary.js';
import type { LiaisonAccount } from '../requests/liaison-types.js';
import { isDelayed } from '../requests/time-frame.js';
import type { RequestStatus, ServiceRequest } from '../requests/types.js';
import { formatShortDate } from './intake-format.js';
import { describeLocation } from './intake-summary.js';

/** What the liaison dialogs say. Kept short: most of it is read on a phone. */
const STATUS_WORDS: Record<RequestStatus, string> = {
  received: 'Received',
  'in-progress': 'In progress',
  scheduled: 'Scheduled',
  duplicate: 'Closed (duplicate)',
  'closed-fixed': 'Fixed',
  'closed-unfounded': 'Closed, no problem found',
  'not-city-responsibility': 'Closed, not the city',
};

/** "This phone", "This Slack account": how the sender's identity is named back to them. */
export function identityLabel(channel: string): string {
  switch (channel) {
    case 'sms':
      return 'This phone';
    case 'slack':
      return 'This Slack account';
    case 'x':
      return 'This X account';
    default:
      return 'This chat';
  }
}

export const liaisonTexts = {
  linked: (channel: string, account: LiaisonAccount) =>
    `Linked! ${identityLabel(channel)} now acts for the liaison account of ${account.name} (${account.neighborhood}, ${account.organisation}). Text MY REQUESTS, MEETING, SUMMARY, or FOLLOW UP <tracking number> <note>.`,
  alreadyLinked: (channel: string) => `${identityLabel(channel)} is already linked to your liaison account.`,
  linkedElsewhere: (channel: string) =>
    `${identityLabel(channel)} is already linked to another liaison account. Ask 311 staff to unlink it first.`,
  invalidCode: () =>
    "That code didn't work. Link codes work once and expire after 14 days; ask 311 staff for a new one.",
  rateLimited: () =>
    'Too many wrong codes were tried from here. Please wait an hour, or ask 311 staff for help.',
  notLiaison: () =>
    'Follow-up notes are for linked Neighborhood Liaison accounts. To check a request, text its 8-digit tracking number.',
  followUpHow: () =>
    'To add a note, send FOLLOW UP, the 8-digit tracking number and your note, e.g. "follow up 12345678 still there".',
  followUpRecorded: (id: string) =>
    `Noted on request #${id}: 311 staff will see your follow-up in its history.`,
  notYours: (id: string) => `#${id} is not one of your account's requests, so I can't add a note to it.`,
  noteTooLong: (max: number) => `That note is too long; please keep it under ${max} characters.`,
  noRequests: (account: LiaisonAccount) =>
    `Your liaison account (${account.neighborhood}) has no requests yet. Text MEETING to enter several at once, or tell me a problem and where it is.`,
  revoked: () => 'This liaison account is no longer active. Ask 311 staff if you think that is a mistake.',
  meetingStart: (account: LiaisonAccount) =>
    `Meeting mode for ${account.neighborhood}: tell me each problem in turn - what and where, e.g. "pothole at 1234 Spruce St". Say DONE when the meeting is over.`,
  meetingNext: (count: number) =>
    `${count === 1 ? '1 problem' : `${count} problems`} entered. What's the next problem? Or say DONE.`,
  meetingHelp: () =>
    'Meeting mode: tell me the next problem - what and where, e.g. "streetlight out at 26th and Oxford" - and I\'ll ask what the city needs to know. Say DONE to finish and get the list of tracking numbers.',
  meetingAbandoned: () => 'The problem you were entering was not filed.',
} as const;

/** "#20000001 Pothole at 1234 Spruce St: In progress - DELAYED (expected Nov 19)" */
export function requestLine(
  request: ServiceRequest,
  serviceName: string,
  now: Date,
  timeZone: string,
): string {
  let line = `#${request.id} ${serviceName} at ${describeLocation(request.location)}: ${STATUS_WORDS[request.status]}`;
  if (request.expectedAt && isDelayed(request, now)) {
    line += ` - DELAYED (expected ${formatShortDate(request.expectedAt, timeZone)})`;
  }
  return line;
}

/** "Kensington: 5 open (2 delayed), 12 closed. Open: Pothole 3 (2 delayed), Graffiti 2." */
export function summaryText(summary: NeighborhoodSummary, serviceName: (code: string) => string): string {
  if (summary.total === 0) return `${summary.neighborhood}: no liaison requests yet.`;
  const head = `${summary.neighborhood}: ${summary.open} open${summary.delayed > 0 ? ` (${summary.delayed} delayed)` : ''}, ${summary.closed} closed.`;
  const open = summary.byService
    .filter((s) => s.open > 0)
    .slice(0, 5)
    .map((s) => `${serviceName(s.serviceCode)} ${s.open}${s.delayed > 0 ? ` (${s.delayed} delayed)` : ''}`);
  return open.length > 0 ? `${head} Open: ${open.join(', ')}.` : head;
}
