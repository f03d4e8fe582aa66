import type { MatchedField, TopicId } from '../knowledge/types.js';

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
