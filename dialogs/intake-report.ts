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

/** A place without a house number: "on I-95", "on Spruce Street", "at the corner of ...". */
const PLACE =
  /\b(?:on|at|in front of|near|outside|across from|corner of) (?:the )?(?:i-? ?\d+\b|route \d+\b|[a-z0-9]+ (?:st|street|ave|avenue|rd|road|blvd|boulevard|pike|lane|ln|drive|dr|expressway)\b)/;
/** How residents describe what they see: "huge pothole", "dangerous sidewalk". */
const DESCRIBED = /\b(?:huge|giant|massive|deep|big|large|dangerous|nasty|terrible)\b/;

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
  return (
    extractLocation(text) !== undefined ||
    REPORT_PHRASE.test(said) ||
    PLACE.test(said) ||
    DESCRIBED.test(said) ||
    /^report(?:ing)?\b/.test(said)
  );
}
