import type { Article, SearchHit, ServiceCode, TopicId } from '../knowledge/types.js';
import type { DialogTurnResult, RouteContext } from './dialogs-lib.js';
import { explainHits, explainNextReply } from './explain.js';
import type { AnswerExtra } from './holiday-answer.js';
import { plainExplain, reply, texts } from './replies.js';

export const OFFER_REPORT_DIALOG = 'offerReport';

/** Options of the "Want me to report it?" step that follows an answer of kind "both". */
export interface OfferReportOptions {
  readonly topic: TopicId;
  readonly service: ServiceCode;
  /** The resident's own words, handed to the intake (it may find the location in them). */
  readonly question: string;
  readonly hits: readonly SearchHit[];
  readonly chosen: SearchHit;
}

/** Options the intake dialog takes (contract with dialogs/intake-dialog.ts). */
export interface IntakeOptions {
  readonly service?: ServiceCode;
  readonly text?: string;
}

/** How the bot answers with a topic; shared by the main route and the clarify follow-up. */
export class TopicReply {
  private readonly byId: ReadonlyMap<TopicId, Article>;

  constructor(
    articles: readonly Article[],
    /** Id of the intake dialog, when one is wired in. */
    readonly intakeId: string | undefined,
    /** Date-specific text appended to an info answer (the holiday collection sentence). */
    private readonly extra?: AnswerExtra,
    /** A dialog that answers this info topic for this question instead (trash day for an address). */
    private readonly dialogFor?: (topic: TopicId, question: string) => string | undefined,
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
  }

  article(topic: TopicId): Article | undefined {
    return this.byId.get(topic);
  }

  /** The stored answer of a topic, with any date-specific addition for this question. */
  answerText(topic: TopicId, question: string): string {
    const answer = this.byId.get(topic)?.answer ?? '';
    const extra = this.extra?.(topic, question);
    return extra ? `${answer}\n\n${extra}` : answer;
  }

  /**
   * Answers with the chosen hit: an info answer ends here; kind "both" answers and
   * offers to report; kind "service" starts the intake. `start` begins or replaces
   * with the next dialog, as the calling step needs.
   */
  async respond(
    step: RouteContext,
    chosen: SearchHit,
    hits: readonly SearchHit[],
    question: string,
    start: (id: string, options: object) => Promise<DialogTurnResult>,
  ): Promise<DialogTurnResult> {
    const article = this.byId.get(chosen.topic);
    if (!article) {
      await step.context.sendActivity(reply(texts.noMatch(), { explain: explainHits('no-match', hits) }));
      return step.endDialog();
    }
    const service = article.service ?? (article.id as string as ServiceCode);
    if (article.kind === 'both') {
      const options: OfferReportOptions = { topic: article.id, service, question, hits, chosen };
      return start(OFFER_REPORT_DIALOG, options);
    }
    if (article.kind === 'service') {
      if (this.intakeId)
        return this.startIntake(step, service, question, explainHits('service-request', hits, chosen), start);
      await step.context.sendActivity(
        reply(`${article.answer}\n\n${texts.reportByPhone()}`, {
          explain: explainHits('answer', hits, chosen),
        }),
      );
      return step.endDialog();
    }
    const dialog = this.dialogFor?.(article.id, question);
    if (dialog) return start(dialog, { question, hits, chosen });
    const answer = this.answerText(article.id, question);
    await step.context.sendActivity(reply(answer, { explain: explainHits('answer', hits, chosen) }));
    return step.endDialog();
  }

  /** Begins the intake; its first prompt carries the 'service-request' explanation. */
  async startIntake(
    step: RouteContext,
    service: ServiceCode | undefined,
    text: string,
    explain = plainExplain('service-request'),
    start: (id: string, options: object) => Promise<DialogTurnResult> = (id, o) => step.beginDialog(id, o),
  ): Promise<DialogTurnResult> {
    if (!this.intakeId) {
      await step.context.sendActivity(
        reply(texts.reportByPhone(), { explain: plainExplain('other', explain.topic) }),
      );
      return step.endDialog();
    }
    explainNextReply(step.context, explain);
    const options: IntakeOptions = { service, text };
    return start(this.intakeId, options);
  }
}
