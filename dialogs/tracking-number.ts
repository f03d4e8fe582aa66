/**
 * Tracking numbers in what residents write: "status 12345678", "what about
 * 15123456?" (the pattern lives with the numbers, in requests/tracking-number.ts),
 * and the short messages that ask for a status or for "my requests".
 */
export { findTrackingNumber } from '../requests/tracking-number.js';

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
