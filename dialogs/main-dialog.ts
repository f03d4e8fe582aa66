import {
  ComponentDialog,
  type Dialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Article, KnowledgeSearch } from '../knowledge/types.js';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions, MAX_CLARIFY_CHOICES } from './clarify-dialog.js';
import { explainHits } from './explain.js';
import { type FollowUpResult, OfferReportDialog } from './offer-report-dialog.js';
import { MENU_CHOICES, plainExplain, reply, texts } from './replies.js';
import { hasWords, isCancel, isGenericReport, isGreeting, isMenuRequest } from './text-intents.js';
import { TopicReply } from './topic-reply.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';

export interface MainDialogDeps {
  readonly search: KnowledgeSearch;
  readonly articles: readonly Article[];
  readonly cityName: string;
  /** The service-request intake (dialogs/intake-dialog.ts); without it the bot points to 311 instead. */
  readonly intake?: Dialog;
  /** More dialogs the routes below may begin (status lookups, liaison dialogs). */
  readonly dialogs?: readonly Dialog[];
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
    this.topics = new TopicReply(deps.articles, deps.intake?.id);
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
    if (isCancel(text) || isMenuRequest(text)) {
      await inner.cancelAllDialogs();
      const said = isCancel(text) ? texts.cancelled() : texts.menu(this.deps.cityName);
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

    // ROUTE: status - a tracking number or "status of my request" begins the status dialog here.

    // ROUTE: report - a report with a problem and a place ("pothole at 5th and Market") begins
    // the intake here (this.topics.startIntake(step, service, text)), before the knowledge search.
    if (isGenericReport(text)) {
      await context.sendActivity(reply(texts.reportPrompt(), { explain: plainExplain('other') }));
      return step.endDialog();
    }

    const result = this.deps.search.search(text);
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
