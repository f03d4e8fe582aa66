import type { TurnContext } from 'botbuilder';
import type { MatchedField, SearchHit, TopicId } from '../knowledge/types.js';

/**
 * Why the bot said what it said. Attached to the main reply of a turn as
 * `activity.channelData.explain` so the `ask` tool, the evaluation and the staff
 * console can show the outcome, the matched topic, its confidence and what came
 * close. Channels never render it.
 */
export type ExplainOutcome =
  | 'answer'
  | 'clarify'
  | 'no-match'
  | 'emergency'
  | 'service-request'
  | 'status'
  | 'menu'
  | 'other';

export interface Explain {
  readonly outcome: ExplainOutcome;
  readonly topic: TopicId | null;
  readonly score: number;
  readonly alternatives: readonly { readonly topic: TopicId; readonly score: number }[];
  readonly field?: MatchedField;
  readonly matched?: string;
}

export const EXPLAIN_KEY = 'explain';

/** Reads the explanation a reply carries, if any. */
export function readExplain(activity: { channelData?: unknown }): Explain | undefined {
  const data = activity.channelData as Record<string, unknown> | undefined;
  const value = data?.[EXPLAIN_KEY];
  return value && typeof value === 'object' ? (value as Explain) : undefined;
}

/** `channelData` carrying an explanation, for a reply activity. */
export function explainData(explain: Explain): Record<string, unknown> {
  return { [EXPLAIN_KEY]: explain };
}

/** The explanation of a search: the chosen hit (default the best) and what else came close. */
export function explainHits(
  outcome: ExplainOutcome,
  hits: readonly SearchHit[],
  chosen?: SearchHit,
): Explain {
  const top = chosen ?? hits[0];
  if (!top) return { outcome, topic: null, score: 0, alternatives: [] };
  return {
    outcome,
    topic: top.topic,
    score: top.score,
    alternatives: hits
      .filter((h) => h.topic !== top.topic)
      .slice(0, 3)
      .map((h) => ({ topic: h.topic, score: h.score })),
    field: top.field,
    matched: top.matched,
  };
}

const PENDING_EXPLAIN = Symbol('pendingExplain');

/**
 * Puts `explain` on the next message of this turn that carries none - e.g. the
 * first prompt of a dialog started here (an intake), which knows nothing of it.
 */
export function explainNextReply(context: TurnContext, explain: Explain): void {
  context.turnState.set(PENDING_EXPLAIN, true);
  let done = false;
  context.onSendActivities(async (_context, activities, next) => {
    if (!done) {
      const target = activities.find((a) => a.type === 'message' && !readExplain(a));
      if (target) {
        target.channelData = { ...(target.channelData as object | undefined), ...explainData(explain) };
        done = true;
      }
    }
    return next();
  });
}

/**
 * Makes sure the first message of a turn explains itself: when whatever sends
 * it (a dialog deep in a flow) added no explanation, `fallback` is attached.
 * Register it before the turn's dialogs run.
 */
export function explainFirstReply(context: TurnContext, fallback: Explain): void {
  let seen = false;
  context.onSendActivities(async (_context, activities, next) => {
    const first = seen ? undefined : activities.find((a) => a.type === 'message');
    if (first) {
      seen = true;
      if (!readExplain(first) && !context.turnState.get(PENDING_EXPLAIN)) {
        first.channelData = { ...(first.channelData as object | undefined), ...explainData(fallback) };
      }
    }
    return next();
  });
}
