import type { TurnContext } from 'botbuilder';
import type { Article, KnowledgeSearch, SearchHit, ServiceCode, TopicId } from '../knowledge/types.js';
import { understand } from '../understanding/index.js';
import {
  hasWords,
  isCancel,
  isGenericReport,
  isGreeting,
  isMenuRequest,
  simplify,
} from '../understanding/slots/text-intents.js';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions, MAX_CLARIFY_CHOICES } from './clarify-dialog.js';
import {
  Dialog,
  type DialogContext,
  type DialogReason,
  type DialogTurnResult,
  DialogTurnStatus,
  type RouteContext,
} from './dialogs-lib.js';
import { explainHits } from './explain.js';
import type { AnswerExtra } from './holiday-answer.js';
import { routesAway, serviceReportedUnder } from './intake-dialog.js';
import { isHelp as isIntakeHelp } from './intake-format.js';
import { readsAsReport } from './intake-report.js';
import { LIAISON_DIALOG, LiaisonDialog } from './liaison-dialog.js';
import { MY_REQUESTS_DIALOG } from './my-requests-dialog.js';
import { type FollowUpResult, OfferReportDialog } from './offer-report-dialog.js';
import { MENU_CHOICES, MENU_TOPICS, plainExplain, reply, texts } from './replies.js';
import { STATUS_DIALOG, type StatusOptions } from './status-dialog.js';
import { TopicReply } from './topic-reply.js';
import { asksForMyRequests, asksForStatus, findTrackingNumber } from './tracking-number.js';
import {
  asksToForgetAddress,
  asksTrashDay,
  TRASH_DAY_DIALOG,
  TRASH_DAY_TOPIC,
  type TrashDayDeps,
  TrashDayDialog,
  wantsTrashDay,
} from './trash-day-dialog.js';

export const MAIN_DIALOG = 'main';
const REPORT_CANCELLED = 'OK, I stopped that report - nothing was filed. What else can I help with?';

/** Begun by `routeAlone` when a route begins a dialog: main begins it at once, on top of itself. */
interface MainOptions {
  readonly begin?: { readonly id: string; readonly options?: object };
}

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
  /**
   * Trash day for the resident's address (dialogs/trash-day-dialog.ts): the geocoder,
   * the saved address, the holiday calendar and the clock. Without it the stored answer is given.
   */
  readonly trashDay?: Omit<TrashDayDeps, 'general'>;
}

/**
 * Routes one message that no dialog is waiting for: greeting/help/menu, a knowledge
 * answer (and, for kind "both", the offer to report), "did you mean" when the
 * search is unsure, and a useful fallback. Cancel and menu interrupt any dialog
 * in progress (the intake included): the bot calls `interrupt` before it
 * continues one.
 *
 * A plain Dialog, not a ComponentDialog around a waterfall: the dialogs it
 * begins (`children`) sit in the bot's own DialogSet, on the stack above it.
 * Most messages are answered in one turn, and the component's inner dialog
 * context, waterfall step and per-turn bookkeeping (with botbuilder's
 * ActivityHandler dispatch) were about 30% of a question turn's CPU time.
 */
export class MainDialog extends Dialog {
  private readonly topics: TopicReply;
  /** The dialogs the routes begin; the bot adds them to its DialogSet beside this one. */
  readonly children: readonly Dialog[];
  private readonly liaison: LiaisonDialog | undefined;
  private readonly childIds: ReadonlySet<string>;
  private readonly trashDay: TrashDayDialog | undefined;

  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    const trashDay = deps.trashDay;
    this.topics = new TopicReply(deps.articles, deps.intake?.id, deps.answerExtra, (topic, question) =>
      trashDay && wantsTrashDay(topic, question) ? TRASH_DAY_DIALOG : undefined,
    );
    this.trashDay = trashDay
      ? new TrashDayDialog({
          ...trashDay,
          general: (question) => this.topics.answerText(TRASH_DAY_TOPIC, question),
        })
      : undefined;
    this.children = [
      ...(this.trashDay ? [this.trashDay] : []),
      new ClarifyDialog(this.topics),
      new OfferReportDialog(this.topics),
      ...(deps.intake ? [deps.intake] : []),
      ...(deps.dialogs ?? []),
    ];
    this.liaison = this.children.find((d): d is LiaisonDialog => d instanceof LiaisonDialog);
    this.childIds = new Set(this.children.map((d) => d.id));
  }

  override beginDialog(dc: DialogContext, options?: MainOptions): Promise<DialogTurnResult> {
    if (options?.begin) return dc.beginDialog(options.begin.id, options.begin.options);
    return this.route(dc);
  }

  /**
   * Routes a message when no dialog is in progress. Most such messages are
   * answered in this one turn, so the dialog context (its memory scopes, the
   * stack push and pop, the state write) is opened only if a route begins a
   * dialog: it was about a quarter of a question turn's CPU time.
   */
  async routeAlone(context: TurnContext, open: () => Promise<DialogContext>): Promise<void> {
    const alone: RouteContext = {
      context,
      beginDialog: async (id, options) =>
        (await open()).beginDialog(MAIN_DIALOG, { begin: { id, options } } satisfies MainOptions),
      endDialog: async () => ({ status: DialogTurnStatus.complete }),
    };
    await this.route(alone);
  }

  /** Only reached with no follow-up above it (e.g. state saved by an older version): a new message. */
  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.route(dc);
  }

  /** A follow-up (clarify, offer to report) got something else: route it as a new message. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown) {
    if ((result as Partial<FollowUpResult> | undefined)?.reroute) return this.route(dc);
    return dc.endDialog();
  }

  /**
   * Cross-cutting, before a dialog in progress continues: "cancel" and "menu"
   * stop whatever is running and answer; true when it did.
   */
  async interrupt(dc: DialogContext): Promise<boolean> {
    const active = dc.activeDialog?.id;
    if (active === undefined) return false;
    const text = dc.context.activity.text ?? '';
    const inIntake = active === this.deps.intake?.id;
    // The intake answers "help" itself: what its current step needs.
    // So does a liaison meeting, which runs the intake inside it.
    if ((inIntake || active === LIAISON_DIALOG) && isIntakeHelp(text)) return false;
    if (!isCancel(text) && !isMenuRequest(text)) return false;
    await dc.cancelAllDialogs();
    const cancelled = inIntake ? REPORT_CANCELLED : texts.cancelled();
    const said = isCancel(text) ? cancelled : texts.menu(this.deps.cityName);
    await dc.context.sendActivity(reply(said, { choices: MENU_CHOICES, explain: plainExplain('menu') }));
    return true;
  }

  private async route(dc: RouteContext): Promise<DialogTurnResult> {
    const { context } = dc;
    const text = context.activity.text ?? '';

    if (!hasWords(text)) {
      const photo = (context.activity.attachments ?? []).length > 0;
      await context.sendActivity(
        reply(photo ? texts.photoOnly() : texts.empty(), {
          choices: MENU_CHOICES,
          explain: plainExplain('other'),
        }),
      );
      return dc.endDialog();
    }
    if (isGreeting(text) || isMenuRequest(text) || isCancel(text)) {
      await context.sendActivity(
        reply(texts.menu(this.deps.cityName), { choices: MENU_CHOICES, explain: plainExplain('menu') }),
      );
      return dc.endDialog();
    }

    // The menu's own choices go where they say, whatever the search would make of them.
    if (isGenericReport(text)) {
      await context.sendActivity(reply(texts.reportPrompt(), { explain: plainExplain('other') }));
      return dc.endDialog();
    }
    const menuTopic = MENU_TOPICS[simplify(text)] as TopicId | undefined;
    if (menuTopic && this.topics.article(menuTopic)) {
      const chosen: SearchHit = { topic: menuTopic, score: 1, field: 'title', matched: text };
      return this.topics.respond(dc, chosen, [chosen], text, (id, o) => dc.beginDialog(id, o));
    }

    // ROUTE: forget my address - the address saved for trash day, removed for this identity.
    if (this.trashDay && asksToForgetAddress(text)) return this.trashDay.forget(dc);

    // ROUTE: liaison - "LIAISON <code>" from anyone; my requests, meeting, summary, follow up from a linked identity.
    if (this.liaison) {
      const routed = await this.liaison.route(dc, text);
      if (routed) return routed;
    }

    // ROUTE: status - a tracking number or "status of my request" begins the status dialog here.
    if (this.childIds.has(STATUS_DIALOG) && (findTrackingNumber(text) || asksForStatus(text))) {
      return dc.beginDialog(STATUS_DIALOG, { text } satisfies StatusOptions);
    }
    if (this.childIds.has(MY_REQUESTS_DIALOG) && asksForMyRequests(text))
      return dc.beginDialog(MY_REQUESTS_DIALOG);

    // ROUTE: trash day - "trash day for 1234 Spruce St" is a question, not a missed-collection report.
    if (this.trashDay && asksTrashDay(text)) {
      const hit: SearchHit = { topic: TRASH_DAY_TOPIC, score: 1, field: 'title', matched: text };
      return dc.beginDialog(TRASH_DAY_DIALOG, { question: text, hits: [hit], chosen: hit });
    }

    // ROUTE: report - a report with a problem and a place ("pothole at 5th and Market") begins
    // the intake here (this.topics.startIntake(dc, service, text)), before the knowledge search.
    const result = understand(text, { search: this.deps.search }).topics;
    const reported = result.hits[0] && this.topics.article(result.hits[0].topic);
    const isReport = result.outcome !== 'no-match' && reported !== undefined && reported.kind !== 'info';
    if (this.deps.intake && isReport && readsAsReport(text)) {
      const explain = explainHits('service-request', result.hits, result.hits[0]);
      const service = reported.service ?? (reported.id as string as ServiceCode);
      return this.topics.startIntake(dc, service, text, explain);
    }
    // A report of a service filed under an information topic ("a dead cat in the street" finds the
    // stray-animal article; the dead-animal service is filed under it): the intake, for that service.
    if (
      this.deps.intake &&
      reported?.kind === 'info' &&
      result.outcome !== 'no-match' &&
      readsAsReport(text)
    ) {
      const service = serviceReportedUnder(this.deps.intake, reported.id, text);
      if (service) {
        const explain = explainHits('service-request', result.hits, result.hits[0]);
        return this.topics.startIntake(dc, service.code, text, explain);
      }
    }
    // A report the city sends elsewhere (water running from the street, a possibly stolen car):
    // the intake says where it goes, whatever topic the search found.
    if (readsAsReport(text) && routesAway(this.deps.intake, text)) {
      return this.topics.startIntake(dc, undefined, text, explainHits('service-request', result.hits));
    }

    const hits = result.hits;
    const best = hits[0];
    if (result.outcome === 'answer' && best) {
      return this.topics.respond(dc, best, hits, text, (id, o) => dc.beginDialog(id, o));
    }
    if (result.outcome === 'clarify' && hits.length >= 2) {
      const options: ClarifyOptions = { hits: hits.slice(0, MAX_CLARIFY_CHOICES), question: text };
      return dc.beginDialog(CLARIFY_DIALOG, options);
    }
    if (result.outcome === 'clarify' && best) {
      return this.topics.respond(dc, best, hits, text, (id, o) => dc.beginDialog(id, o));
    }
    await context.sendActivity(
      reply(texts.noMatch(), { choices: MENU_CHOICES, explain: explainHits('no-match', hits) }),
    );
    return dc.endDialog();
  }
}
