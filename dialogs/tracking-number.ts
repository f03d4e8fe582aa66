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

/**
 * A whole message asking to check a request without giving its number ("status",
 * "check a request" - the menu choice): the status dialog asks for it. Longer
 * questions ("how do I check the status of a request?") go to the knowledge base.
 */
const STATUS_COMMAND =
  /^(?:status|check(?: a| my)? (?:request|report|status)|check on (?:a|my) (?:request|report)|(?:request|report) status|track(?: a| my)? (?:request|report)|(?:what is the |whats the )?status of my (?:request|report)|estado|estado de mi (?:solicitud|reporte))$/;

export function asksForStatus(text: string | undefined): boolean {
  const said = (text ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return STATUS_COMMAND.test(said);
}

/** "my requests", "show my reports", "what have I reported": list this sender's requests ("my request" alone is a status question). */
const MY_REQUESTS =
  /\b(?:my (?:requests|reports|complaints|tickets|cases|service requests)|(?:list|show)(?: me)? my (?:requests?|reports?)|(?:what|which) (?:have|did) i (?:reported|report|filed|file|submitted|submit))\b/i;

export function asksForMyRequests(text: string | undefined): boolean {
  return MY_REQUESTS.test(text ?? '');
}
