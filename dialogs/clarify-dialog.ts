import type { SearchHit } from '../knowledge/types.js';
import { matchChoice } from '../understanding/slots/choice-match.js';
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from './dialogs-lib.js';
import { explainHits } from './explain.js';
import type { FollowUpResult } from './offer-report-dialog.js';
import { reply, texts } from './replies.js';
import type { TopicReply } from './topic-reply.js';

export const CLARIFY_DIALOG = 'clarify';
/** "Did you mean" offers at most this many choices. */
export const MAX_CLARIFY_CHOICES = 3;

export interface ClarifyOptions {
  /** The candidates, best first (2-3). */
  readonly hits: readonly SearchHit[];
  readonly question: string;
}

/**
 * "Did you mean": 2-3 numbered choices as suggested actions. The resident
 * answers "2" or the words of a choice; anything else is a new question.
 */
export class ClarifyDialog extends WaterfallDialog<ClarifyOptions> {
  constructor(private readonly topics: TopicReply) {
    super(CLARIFY_DIALOG);
    this.addStep((step) => this.ask(step));
    this.addStep((step) => this.resolve(step));
  }

  private titles(hits: readonly SearchHit[]): string[] {
    return hits.map((h) => this.topics.article(h.topic)?.title ?? h.topic);
  }

  private async ask(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const { hits } = step.options;
    await step.context.sendActivity(
      reply(texts.clarify(), { choices: this.titles(hits), explain: explainHits('clarify', hits) }),
    );
    return WaterfallDialog.EndOfTurn;
  }

  private async resolve(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const { hits, question } = step.options;
    const index = matchChoice(step.context.activity.text ?? '', this.titles(hits));
    const chosen = index === undefined ? undefined : hits[index];
    if (!chosen) {
      const result: FollowUpResult = { reroute: true };
      return step.endDialog(result);
    }
    return this.topics.respond(step, chosen, hits, question, (id, o) => step.replaceDialog(id, o));
  }
}
