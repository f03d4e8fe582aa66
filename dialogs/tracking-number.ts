import type { TrackingNumber } from '../requests/types.js';

/**
 * Tracking numbers are 8 digits; residents quote them in free text:
 * "status 12345678", "what about 15123456?", "#15123456". A longer run of
 * digits (a phone number) or a number inside a word is not one; they never start with 0.
 */
const TRACKING = /(?<![\d\w-])#?([1-9]\d{7})(?![\d\w]|-\d)/;

export function findTrackingNumber(text: string | undefined): TrackingNumber | undefined {
  const match = TRACKING.exec(text ?? '');
  return match ? (match[1] as TrackingNumber) : undefined;
}

/** "status", "check my request", "where is my report" with no number: the status dialog asks for it. */
export function asksForStatus(text: string | undefined): boolean {
  return /\b(?:status|track(?:ing)?|check on|update on|follow up on|any news|what happened to)\b/i.test(
    text ?? '',
  );
}

/** "my requests", "show my reports", "what have I reported": list this sender's requests ("my request" alone is a status question). */
const MY_REQUESTS =
  /\b(?:my (?:requests|reports|complaints|tickets|cases|service requests)|(?:list|show)(?: me)? my (?:requests?|reports?)|(?:what|which) (?:have|did) i (?:reported|report|filed|file|submitted|submit))\b/i;

export function asksForMyRequests(text: string | undefined): boolean {
  return MY_REQUESTS.test(text ?? '');
}
