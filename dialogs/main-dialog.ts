import type { Article, KnowledgeSearch, SearchHit, ServiceCode, TopicId } from '../knowledge/types.js';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions, MAX_CLARIFY_CHOICES } from './clarify-dialog.js';
import {
  ComponentDialog,
  type Dialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from './dialogs-lib.js';
import { explainHits } from './explain.js';
import type { AnswerExtra } from './holiday-answer.js';
import { routesAway } from './intake-dialog.js';
import { isHelp as isIntakeHelp } from './intake-format.js';
import { readsAsReport } from './intake-report.js';
import { LIAISON_DIALOG, LiaisonDialog } from './liaison-dialog.js';
import { MY_REQUESTS_DIALOG } from './my-requests-dialog.js';
import { type FollowUpResult, OfferReportDialog } from './offer-report-dialog.js';
import { MENU_CHOICES, MENU_TOPICS, plainExplain, reply, texts } from './replies.js';
import { STATUS_DIALOG, type StatusOptions } from './status-dialog.js';
import { hasWords, isCancel, isGenericReport, isGreeting, isMenuRequest, simplify } from './text-intents.js';
import { TopicReply } from './topic-reply.js';
import { asksForMyRequests, asksForStatus, findTrackingNumber } from './tracking-number.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';
const REPORT_CANCELLED = 'OK, I stopped that report - nothing was filed. What else can I help with?';

export interface MainDialogDeps {
  readonly search: KnowledgeSearch;
  readonly articles: readonly Article[];
  readonly cityName: string;
  /** The service-request intake (dialogs/intake-dialog.ts); without it the bot points to 311 instead. */
  readonly intake?: Dialog;
  /** More dialogs the routes below may begin (status lookups, liaison dialogs). */
  readonly dialogs?: readonly Dialog[];
  /** Date-specific text appended to info answers (dialogs/holiday-answer.ts). */
  readonly answerExtra?: AnswerExtra;
}

/**
 * Routes one message that no dialog is waiting for: greeting/help/menu, a knowledge
 * answer (and, for kind "both", the offer to report), "did you mean" when the
 * search is unsure, and a useful fallback. Cancel and menu interrupt any dialog
 * running inside it (the intake included).
 */
export class MainDialog extends ComponentDialog {
  private readonly topics: TopicReply;

  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.topics = new TopicReply(deps.articles, deps.intake?.id, deps.answerExtra);
    this.addDialog(new WaterfallDialog(ROUTE, [(s) => this.route(s), (s) => this.afterFollowUp(s)]));
    this.addDialog(new ClarifyDialog(this.topics));
    this.addDialog(new OfferReportDialog(this.topics));
    if (deps.intake) this.addDialog(deps.intake);
    for (const dialog of deps.dialogs ?? []) this.addDialog(dialog);
    this.initialDialogId = ROUTE;
  }

  /** Cross-cutting: "cancel" and "menu" stop whatever is running. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const text = inner.context.activity.text ?? '';
    const inIntake = inner.activeDialog !== undefined && inner.activeDialog.id === this.deps.intake?.id;
    // The intake answers "help" itself: what its current step needs.
    // So does a liaison meeting, which runs the intake inside it.
    const inMeeting = inner.activeDialog !== undefined && inner.activeDialog.id === LIAISON_DIALOG;
    if ((inIntake || inMeeting) && isIntakeHelp(text)) return super.onContinueDialog(inner);
    if (isCancel(text) || isMenuRequest(text)) {
      await inner.cancelAllDialogs();
      const cancelled = inIntake ? REPORT_CANCELLED : texts.cancelled();
      const said = isCancel(text) ? cancelled : texts.menu(this.deps.cityName);
      await inner.context.sendActivity(reply(said, { choices: MENU_CHOICES, explain: plainExplain('menu') }));
      return { status: DialogTurnStatus.complete };
    }
    return super.onContinueDialog(inner);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const text = context.activity.text ?? '';

    if (!hasWords(text)) {
      const photo = (context.activity.attachments ?? []).length > 0;
      await context.sendActivity(
        reply(photo ? texts.photoOnly() : texts.empty(), {
          choices: MENU_CHOICES,
          explain: plainExplain('other'),
        }),
      );
      return step.endDialog();
    }
    if (isGreeting(text) || isMenuRequest(text) || isCancel(text)) {
      await context.sendActivity(
        reply(texts.menu(this.deps.cityName), { choices: MENU_CHOICES, explain: plainExplain('menu') }),
      );
      return step.endDialog();
    }

    // The menu's own choices go where they say, whatever the search would make of them.
    if (isGenericReport(text)) {
      await context.sendActivity(reply(texts.reportPrompt(), { explain: plainExplain('other') }));
      return step.endDialog();
    }
    const menuTopic = MENU_TOPICS[simplify(text)] as TopicId | undefined;
    if (menuTopic && this.topics.article(menuTopic)) {
      const chosen: SearchHit = { topic: menuTopic, score: 1, field: 'title', matched: text };
      return this.topics.respond(step, chosen, [chosen], text, (id, o) => step.beginDialog(id, o));
    }

    // ROUTE: liaison - "LIAISON <code>" from anyone; my requests, meeting, summary, follow up from a linked identity.
    const liaison = this.findDialog(LIAISON_DIALOG);
    if (liaison instanceof LiaisonDialog) {
      const routed = await liaison.route(step, text);
      if (routed) return routed;
    }

    // ROUTE: status - a tracking number or "status of my request" begins the status dialog here.
    if (this.findDialog(STATUS_DIALOG) && (findTrackingNumber(text) || asksForStatus(text))) {
      return step.beginDialog(STATUS_DIALOG, { text } satisfies StatusOptions);
    }
    if (this.findDialog(MY_REQUESTS_DIALOG) && asksForMyRequests(text))
      return step.beginDialog(MY_REQUESTS_DIALOG);

    // ROUTE: report - a report with a problem and a place ("pothole at 5th and Market") begins
    // the intake here (this.topics.startIntake(step, service, text)), before the knowledge search.
    const result = this.deps.search.search(text);
    const reported = result.hits[0] && this.topics.article(result.hits[0].topic);
    const isReport = result.outcome !== 'no-match' && reported !== undefined && reported.kind !== 'info';
    if (this.deps.intake && isReport && readsAsReport(text)) {
      const explain = explainHits('service-request', result.hits, result.hits[0]);
      const service = reported.service ?? (reported.id as string as ServiceCode);
      return this.topics.startIntake(step, service, text, explain);
    }
    // A report the city sends elsewhere (water running from the street, a possibly stolen car):
    // the intake says where it goes, whatever topic the search found.
    if (readsAsReport(text) && routesAway(this.deps.intake, text)) {
      return this.topics.startIntake(step, undefined, text, explainHits('service-request', result.hits));
    }

    const hits = result.hits;
    const best = hits[0];
    if (result.outcome === 'answer' && best) {
      return this.topics.respond(step, best, hits, text, (id, o) => step.beginDialog(id, o));
    }
    if (result.outcome === 'clarify' && hits.length >= 2) {
      const options: ClarifyOptions = { hits: hits.slice(0, MAX_CLARIFY_CHOICES), question: text };
      return step.beginDialog(CLARIFY_DIALOG, options);
    }
    if (result.outcome === 'clarify' && best) {
      return this.topics.respond(step, best, hits, text, (id, o) => step.beginDialog(id, o));
    }
    await context.sendActivity(
      reply(texts.noMatch(), { choices: MENU_CHOICES, explain: explainHits('no-match', hits) }),
    );
    return step.endDialog();
  }

  /** A follow-up (clarify, offer to report) got something else: route it as a new message. */
  private async afterFollowUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as Partial<FollowUpResult> | undefined;
    if (result?.reroute) return step.replaceDialog(ROUTE);
    return step.endDialog();
  }
}
