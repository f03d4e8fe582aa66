import { extractLocation } from '../requests/address.js';

/**
 * Whether a message reports a problem ("pothole at 1234 Spruce St", "there's a
 * tree blocking the street", "street light out on my block") rather than asks
 * about one ("how do I report a pothole?", "how long do potholes take?"). The
 * main dialog starts the intake directly for a report whose topic takes requests.
 */
const QUESTION_START =
  /^(?:how|what|whats|when|where|why|who|which|can|could|do|does|did|is|are|should|will|would|may|who's|como|que|cuando|donde|puedo)\b/;

const REPORT_PHRASE =
  /\b(?:there(?:'s| is| are)|theres|broken|busted|(?:is|are|been|went|still) out|out (?:at|on|in front|by|near)|not working|isn't working|doesn't work|is blocking|blocking|report(?:ing)? (?:a|an|the|this|that)|i (?:want|need|would like|d like) to report|dumped|dumping|knocked (?:down|over)|fell|fallen|down on|overflowing|missed|wasn't picked up|was not picked up|hasn't been|has been sitting|been sitting|abandoned|leaking|flooded|overgrown|no heat|rats? (?:in|at|on|everywhere)|graffiti (?:on|at))\b/;

function simplify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function readsAsReport(text: string): boolean {
  const said = simplify(text);
  if (said.length === 0) return false;
  if (QUESTION_START.test(said.replace(/^(?:hi|hello|hey|ok|so|um|please)[,!. ]+/, ''))) return false;
  return extractLocation(text) !== undefined || REPORT_PHRASE.test(said) || /^report(?:ing)?\b/.test(said);
}
