import { matchChoice } from '../understanding/slots/choice-match.js';
import { isNo, isYes } from '../understanding/slots/text-intents.js';
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from './dialogs-lib.js';
import { explainHits } from './explain.js';
import { plainExplain, reply, texts, YES_NO } from './replies.js';
import { OFFER_REPORT_DIALOG, type OfferReportOptions, type TopicReply } from './topic-reply.js';

/** Ends a follow-up dialog whose reply was something else: the main dialog routes it afresh. */
export interface FollowUpResult {
  readonly reroute: true;
}

/**
 * After an answer of kind "both": the answer and "Want me to report it?" with
 * Yes/No. Yes begins the intake; No closes politely; anything else is a new
 * question and goes back to the main route.
 */
export class OfferReportDialog extends WaterfallDialog<OfferReportOptions> {
  constructor(private readonly topics: TopicReply) {
    super(OFFER_REPORT_DIALOG);
    this.addStep((step) => this.offer(step));
    this.addStep((step) => this.decide(step));
  }

  private async offer(step: WaterfallStepContext<OfferReportOptions>): Promise<DialogTurnResult> {
    const { topic, hits, chosen, question } = step.options;
    const answer = this.topics.answerText(topic, question);
    await step.context.sendActivity(
      reply(`${answer}\n\n${texts.offerReport()}`, {
        choices: YES_NO,
        explain: explainHits('answer', hits, chosen),
      }),
    );
    return WaterfallDialog.EndOfTurn;
  }

  private async decide(step: WaterfallStepContext<OfferReportOptions>): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const picked = matchChoice(text, YES_NO);
    const { topic, service, question, hits, chosen } = step.options;
    if (isYes(text) || picked === 0) {
      return this.topics.startIntake(
        step,
        service,
        question,
        explainHits('service-request', hits, chosen),
        (id, o) => step.replaceDialog(id, o),
      );
    }
    if (isNo(text) || picked === 1) {
      await step.context.sendActivity(reply(texts.declined(), { explain: plainExplain('other', topic) }));
      return step.endDialog();
    }
    const result: FollowUpResult = { reroute: true };
    return step.endDialog(result);
  }
}
