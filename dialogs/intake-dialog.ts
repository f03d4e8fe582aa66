import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { CatalogService, RoutingRule } from '../knowledge/catalog-types.js';
import type { ServiceCode } from '../knowledge/types.js';
import { MAX_DESCRIPTION_LENGTH } from '../requests/request-service.js';
import type { TrackingNumber } from '../requests/types.js';
import { addressIn } from '../understanding/slots/address.js';
import { matchChoice } from '../understanding/slots/choice-match.js';
import { isNo, leadingYesNo } from '../understanding/slots/yes-no-skip.js';
import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from './dialogs-lib.js';
import { ADDRESS_CHOOSE, ADDRESS_NOT_FOUND, NONE_OF_THESE, standardise } from './intake-address.js';
import { isBack, isCancel, isHelp, isYes, type ReplyExplain, reply } from './intake-format.js';
import { locationFromActivity, photoFromActivity } from './intake-geo.js';
import {
  duplicateAnswer,
  duplicatePrompt,
  FILING_FAILED,
  filedText,
  followedText,
  requesterOf,
} from './intake-outcome.js';
import { DEFAULT_TIME_ZONE, type IntakeDeps } from './intake-ports.js';
import { serviceNamed } from './intake-service.js';
import {
  type Draft,
  emptyDraft,
  firstStep,
  type IntakeState,
  type StepKey,
  slotOf,
  stepAfter,
  stepBefore,
} from './intake-state.js';
import {
  helpFor,
  keepAnswer,
  type Prompt,
  prefill,
  promptFor,
  routeFor,
  takeAnswer,
} from './intake-steps.js';
import { changeRequested, describeFilled, describeLocation, summaryPrompt } from './intake-summary.js';

/**
 * One catalog-driven intake for every service: routing rules first (911, Water
 * Department, state DOT, property owner: said, never filed), then location (and
 * an open duplicate offered instead of a new report), the service's attributes,
 * description, photo, when noticed, contact, a summary to confirm or change, and
 * the tracking number once the store has it. "cancel", "back" and "help" work at
 * every step.
 */
export const INTAKE_DIALOG = 'intake';
const INTAKE_FLOW = 'intake-flow';

export interface IntakeOptions {
  readonly service?: ServiceCode;
  /** The resident's message that started the intake: service, location and photo are taken from it. */
  readonly text?: string;
  /**
   * The knowledge match that led here, put on the first reply's explain. Without it the
   * first reply carries none, so the caller can attach its own (dialogs/explain.ts explainNextReply).
   */
  readonly explain?: Omit<ReplyExplain, 'outcome'>;
}

export type IntakeResult =
  | { readonly outcome: 'filed' | 'followed'; readonly id: TrackingNumber }
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'routed'; readonly rule: string };

/** The first reply's explanation, or 'caller': leave it to the dialog that began the intake. */
type FirstExplain = Omit<ReplyExplain, 'outcome'> | 'caller';

interface Instance {
  intake?: IntakeState;
}

/** A confirmation not understood twice: nothing is filed without a yes. */
const CONFIRM_GIVEN_UP =
  "I still couldn't tell whether to file it, so I haven't filed anything. To file it, send the problem and the address again, or call 311.";

const article = (name: string): string => (/^[aeiou]/i.test(name) ? 'an' : 'a');

class IntakeFlow extends Dialog<IntakeOptions> {
  private readonly timeZone: string;

  constructor(private readonly deps: IntakeDeps) {
    super(INTAKE_FLOW);
    this.timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
  }

  async beginDialog(dc: DialogContext, options?: IntakeOptions): Promise<DialogTurnResult> {
    const { catalog } = this.deps;
    const text = options?.text ?? '';
    const named = options?.service ? catalog.get(options.service) : undefined;
    const match = text ? serviceNamed(catalog, text) : undefined;
    const said = match?.service;
    // The words may name a more precise service of the same topic ("broken sidewalk" under street
    // defects), or name one plainly in a phrase ("abandoned house", "alley light") whatever the search found.
    const service =
      named && said?.topic !== named.topic && (match?.longest ?? 0) < 2 ? named : (said ?? named);
    const explain: FirstExplain = options?.explain ?? 'caller';
    const rule = text ? routeFor(text, catalog, service) : undefined;
    if (rule) return this.routed(dc, rule, explain);
    const location = locationFromActivity(dc.context.activity) ?? this.addressIn(text);
    const mediaUrl = photoFromActivity(dc.context.activity);
    const given: Draft = {
      ...emptyDraft(service?.code),
      ...(location ? { location } : {}),
      ...(mediaUrl ? { mediaUrl } : {}),
    };
    // What the first message already says is not asked again.
    const draft = service
      ? prefill(service, given, text, { now: this.deps.clock(), timeZone: this.timeZone })
      : given;
    const noted = service ? describeFilled(service, draft) : '';
    const intro = service
      ? `Let's report ${article(service.name)} ${service.name.toLowerCase()}${location ? ` at ${describeLocation(location)}` : ''}.${noted ? ` Noted: ${noted}.` : ''}`
      : '';
    const step = firstStep(service, draft);
    const state: IntakeState = { step, draft, editing: false, key: (this.deps.newKey ?? randomUUID)() };
    if (service && location && step !== 'location')
      return this.afterLocation(dc, state, service, intro, explain);
    return this.ask(dc, state, intro, explain);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = this.state(dc);
    const service = state.draft.service ? this.deps.catalog.get(state.draft.service) : undefined;
    const text = activity.text ?? '';
    if (isCancel(text)) return this.cancel(dc, service);
    if (isHelp(text)) return this.ask(dc, state, helpFor(state.step, service));
    if (isBack(text)) {
      const previous = stepBefore(state.step, service);
      if (!previous) return this.ask(dc, state, 'This is the first question.');
      return this.ask(dc, { ...state, step: previous, editing: false });
    }
    if (state.step === 'duplicate' && service) return this.onDuplicateAnswer(dc, state, service, text);
    if (state.step === 'confirm' && service) return this.onConfirmAnswer(dc, state, service, text);
    if (state.step === 'location' && service && state.places?.length) {
      const picked = matchChoice(text, [...state.places.map((p) => p.address ?? ''), NONE_OF_THESE]);
      const place = picked === undefined ? undefined : state.places[picked];
      const unchosen: IntakeState = { ...state, places: undefined };
      if (place) {
        const draft: Draft = { ...state.draft, location: place, duplicateOf: undefined };
        return this.afterLocation(dc, { ...unchosen, draft }, service, `Got it: ${place.address}.`);
      }
      if (picked !== undefined) return this.ask(dc, unchosen);
    }
    const result = takeAnswer(
      state.step,
      service,
      state.draft,
      { text, activity, now: this.deps.clock(), timeZone: this.timeZone },
      this.deps.catalog,
    );
    switch (result.kind) {
      case 'routed':
        return this.routed(dc, result.rule, this.explain(service));
      case 'retry':
        return this.retry(dc, state, service, text, result.message);
      case 'done': {
        const next = result.draft.service ? this.deps.catalog.get(result.draft.service) : undefined;
        const moved: IntakeState = { ...state, draft: result.draft };
        if (next && result.draft.location && (state.step === 'location' || state.step === 'service')) {
          return this.afterLocation(dc, moved, next, result.ack ?? '');
        }
        const step = state.editing ? 'confirm' : stepAfter(state.step, next, result.draft);
        return this.ask(dc, { ...moved, step, editing: state.editing && step !== 'confirm' }, result.ack);
      }
      default: {
        const unknown: never = result;
        throw new Error(`unhandled step result ${JSON.stringify(unknown)}`);
      }
    }
  }

  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = (instance.state as Instance).intake;
    if (!state) return;
    const service = state.draft.service ? this.deps.catalog.get(state.draft.service) : undefined;
    const prompt = this.promptOf(state, service);
    await context.sendActivity(reply(prompt.text, prompt.choices, this.explain(service), slotOf(state.step)));
  }

  private addressIn(text: string) {
    const found = addressIn(text);
    return found ? { address: found.address } : undefined;
  }

  /**
   * An answer that could not be read: asked once more with the reason; the
   * second time the resident's words are kept and the intake moves on (no
   * question is asked a third time).
   */
  private async retry(
    dc: DialogContext,
    state: IntakeState,
    service: CatalogService | undefined,
    text: string,
    message: string,
  ): Promise<DialogTurnResult> {
    const tries = (state.tries ?? 0) + 1;
    if (tries < 2) return this.ask(dc, { ...state, tries }, message);
    if (state.step === 'service') {
      await this.send(
        dc,
        reply(
          "I still can't tell which kind of problem that is, so I haven't filed anything. Call 311 and they'll take it.",
          [],
          this.explain(service),
        ),
      );
      return dc.endDialog({ outcome: 'cancelled' } satisfies IntakeResult);
    }
    const kept = keepAnswer(state.step, service, state.draft, text);
    if (!kept) {
      // A required answer the report cannot be filed without: not asked a third time.
      const question = promptFor(state.step, service).text;
      await this.send(
        dc,
        reply(
          `I can't file this report without an answer to "${question}", so nothing was filed. Call 311 and they'll take it.`,
          [],
          this.explain(service),
        ),
      );
      return dc.endDialog({ outcome: 'cancelled' } satisfies IntakeResult);
    }
    const moved: IntakeState = { ...state, draft: kept.draft, tries: 0 };
    if (service && state.step === 'location') return this.afterLocation(dc, moved, service, kept.ack);
    const step = state.editing ? 'confirm' : stepAfter(state.step, service, kept.draft);
    return this.ask(dc, { ...moved, step, editing: state.editing && step !== 'confirm' }, kept.ack);
  }

  /** Location known: offer an open duplicate at the same place, else go on. */
  private async afterLocation(
    dc: DialogContext,
    state: IntakeState,
    service: CatalogService,
    prefix: string,
    explain?: FirstExplain,
  ): Promise<DialogTurnResult> {
    let { draft } = state;
    if (draft.location && this.deps.geocoder) {
      const typed = draft.location.address ?? '';
      const standard = await standardise(this.deps.geocoder, draft.location);
      // What was said about the typed address, without it ("Let's report a pothole.").
      const without = prefix.replace(` at ${typed}`, '').replace(`Got it: ${typed}.`, '').trim();
      switch (standard.kind) {
        case 'found':
          draft = { ...draft, location: standard.location };
          if (typed && standard.location.address)
            prefix = prefix.replaceAll(typed, standard.location.address);
          break;
        case 'choose': {
          const labels = [...standard.places.map((p) => p.address ?? ''), NONE_OF_THESE];
          const asking: IntakeState = {
            ...state,
            step: 'location',
            draft: { ...draft, location: undefined },
            places: standard.places,
          };
          return this.ask(dc, asking, [without, ADDRESS_CHOOSE].filter(Boolean).join(' '), explain, labels);
        }
        case 'not-found': {
          const addressTries = (state.addressTries ?? 0) + 1;
          // Not asked a third time: the resident's words are kept.
          if (addressTries >= 2) break;
          const asking: IntakeState = {
            ...state,
            step: 'location',
            draft: { ...draft, location: undefined },
            addressTries,
          };
          return this.ask(dc, asking, [without, ADDRESS_NOT_FOUND].filter(Boolean).join(' '), explain, []);
        }
        default:
          break;
      }
      state = { ...state, draft, places: undefined, addressTries: 0 };
    }
    const duplicate = draft.location
      ? await this.deps.requests.findDuplicate(service.code, draft.location)
      : undefined;
    if (duplicate && duplicate.id !== draft.declinedDuplicate) {
      const duplicateOf = { id: duplicate.id, requestedAt: duplicate.requestedAt };
      return this.ask(dc, { ...state, step: 'duplicate', draft: { ...draft, duplicateOf } }, prefix, explain);
    }
    const step = state.editing ? 'confirm' : stepAfter('location', service, draft);
    return this.ask(dc, { ...state, step, editing: false }, prefix, explain);
  }

  private async onDuplicateAnswer(
    dc: DialogContext,
    state: IntakeState,
    service: CatalogService,
    text: string,
  ): Promise<DialogTurnResult> {
    const offered = state.draft.duplicateOf;
    const answer = duplicateAnswer(text);
    if (!offered || answer === 'new') {
      const draft: Draft = { ...state.draft, duplicateOf: undefined, declinedDuplicate: offered?.id };
      const step = state.editing ? 'confirm' : stepAfter('location', service, draft);
      return this.ask(dc, { step, draft, editing: false }, 'OK, a new report.');
    }
    if (answer === 'unclear') {
      // Not understood twice: go on with a new report (the resident can still cancel).
      if ((state.tries ?? 0) >= 1) return this.onDuplicateAnswer(dc, state, service, 'new');
      return this.ask(dc, { ...state, tries: (state.tries ?? 0) + 1 }, helpFor('duplicate', service));
    }
    const followed = await this.deps.requests.follow(offered.id, requesterOf(dc.context));
    if (!followed)
      return this.ask(dc, { ...state, step: 'location' }, `I couldn't find #${offered.id} any more.`);
    await this.send(dc, reply(followedText(followed, this.timeZone), [], this.explain(service)));
    return dc.endDialog({ outcome: 'followed', id: followed.id } satisfies IntakeResult);
  }

  private async onConfirmAnswer(
    dc: DialogContext,
    state: IntakeState,
    service: CatalogService,
    text: string,
  ): Promise<DialogTurnResult> {
    // "yes", or a yes said first ("yep thats right", "yes please file it").
    if (isYes(text) || leadingYesNo(text) === 'yes') return this.file(dc, state, service);
    const change = changeRequested(text, service);
    if (change.kind === 'step') return this.ask(dc, { ...state, step: change.step, editing: true });
    const tries = state.tries ?? 0;
    // Asked again once, plainly; there a "no" cancels. Never filed without a yes.
    if (tries >= 1 && isNo(text)) return this.cancel(dc, service);
    if (tries >= 1) {
      await this.send(dc, reply(CONFIRM_GIVEN_UP, [], this.explain(service)));
      return dc.endDialog({ outcome: 'cancelled' } satisfies IntakeResult);
    }
    const plain = 'Reply YES to file it or NO to cancel.';
    const prefix =
      change.kind === 'unclear'
        ? `What would you like to change: ${change.options.join(', ')}? Or: ${plain}`
        : `${plain} To change something, say what (e.g. "change the address").`;
    return this.ask(dc, { ...state, tries: tries + 1 }, prefix, undefined, ['Yes', 'No']);
  }

  private async cancel(dc: DialogContext, service: CatalogService | undefined): Promise<DialogTurnResult> {
    await this.send(dc, reply('OK, I cancelled that report. Nothing was filed.', [], this.explain(service)));
    return dc.endDialog({ outcome: 'cancelled' } satisfies IntakeResult);
  }

  private async file(
    dc: DialogContext,
    state: IntakeState,
    service: CatalogService,
  ): Promise<DialogTurnResult> {
    const { draft } = state;
    if (!draft.location || !draft.description)
      return this.ask(dc, { ...state, step: draft.location ? 'description' : 'location' });
    let stored: Awaited<ReturnType<IntakeDeps['requests']['file']>>;
    try {
      stored = await this.deps.requests.file({
        serviceCode: service.code,
        location: draft.location,
        description: [draft.description, ...(draft.notes ?? [])].join('\n').slice(0, MAX_DESCRIPTION_LENGTH),
        attributes: draft.attributes,
        ...(draft.mediaUrl ? { mediaUrl: draft.mediaUrl } : {}),
        ...(draft.noticedAt ? { noticedAt: draft.noticedAt } : {}),
        ...(draft.contact ? { contact: draft.contact } : {}),
        requester: requesterOf(dc.context),
        ...(state.key ? { idempotencyKey: `intake:${state.key}` } : {}),
      });
    } catch (error) {
      this.deps.logger?.error('intake: filing failed', { service: service.code, error: error as Error });
      await this.send(dc, reply(FILING_FAILED, ['Yes', 'Cancel'], this.explain(service)));
      return Dialog.EndOfTurn;
    }
    await this.send(dc, reply(filedText(stored, this.timeZone), [], this.explain(service)));
    return dc.endDialog({ outcome: 'filed', id: stored.id } satisfies IntakeResult);
  }

  private async routed(
    dc: DialogContext,
    rule: RoutingRule,
    explain: FirstExplain,
  ): Promise<DialogTurnResult> {
    await this.send(dc, reply(`${rule.message} I haven't filed a report.`, [], this.why(explain)));
    return dc.endDialog({ outcome: 'routed', rule: rule.id } satisfies IntakeResult);
  }

  private promptOf(state: IntakeState, service: CatalogService | undefined): Prompt {
    if (state.step === 'confirm' && service) return summaryPrompt(service, state.draft, this.timeZone);
    if (state.step === 'duplicate' && state.draft.duplicateOf) {
      return duplicatePrompt(state.draft.duplicateOf, this.timeZone);
    }
    return promptFor(state.step, service);
  }

  /** Saves the state and sends one message: an acknowledgement or reason, then the step's question. */
  private async ask(
    dc: DialogContext,
    state: IntakeState,
    prefix = '',
    explain?: FirstExplain,
    /** Ask with the prefix alone and these choices, instead of the step's own question. */
    alone?: readonly string[],
  ): Promise<DialogTurnResult> {
    const instance = dc.activeDialog!.state as Instance;
    // Tries count answers to one question: a new question starts again from none.
    const tries = instance.intake?.step === state.step ? (state.tries ?? 0) : 0;
    instance.intake = { ...state, tries };
    const service = state.draft.service ? this.deps.catalog.get(state.draft.service) : undefined;
    const prompt = alone ? { text: '', choices: alone } : this.promptOf(state, service);
    const text = [prefix, prompt.text]
      .filter((t) => t.length > 0)
      .join(state.step === 'confirm' ? '\n' : ' ');
    const why = explain === undefined ? this.explain(service) : this.why(explain);
    await this.send(dc, reply(text, prompt.choices, why, slotOf(state.step)));
    return Dialog.EndOfTurn;
  }

  private why(explain: FirstExplain): ReplyExplain | undefined {
    return explain === 'caller' ? undefined : { outcome: 'service-request', ...explain };
  }

  private explain(service: CatalogService | undefined): ReplyExplain {
    return { outcome: 'service-request', topic: service?.topic ?? null, score: 1, alternatives: [] };
  }

  private state(dc: DialogContext): IntakeState {
    const state = (dc.activeDialog?.state as Instance | undefined)?.intake;
    return state ?? { step: 'service', draft: emptyDraft(), editing: false };
  }

  private async send(dc: DialogContext, activity: Partial<Activity>): Promise<void> {
    await dc.context.sendActivity(activity);
  }
}

/** The intake as one ComponentDialog; add it to the main dialog's set. */
export class IntakeDialog extends ComponentDialog<IntakeOptions> {
  constructor(
    private readonly deps: IntakeDeps,
    id: string = INTAKE_DIALOG,
  ) {
    super(id);
    this.addDialog(new IntakeFlow(deps));
    this.initialDialogId = INTAKE_FLOW;
  }

  /**
   * Whether the city sends this report elsewhere (911, the Water Department's line, the
   * state, the owner) whatever service it names: the main dialog then begins the intake,
   * which says so, even when the knowledge search matched an information topic.
   */
  routesAway(text: string): boolean {
    return this.deps.catalog.route(text) !== undefined;
  }

  /** The service catalog the intake files against (read by the main dialog's routing). */
  get catalog(): IntakeDeps['catalog'] {
    return this.deps.catalog;
  }
}

/**
 * The service a report names when the knowledge search answered with an
 * information topic that a service is filed under ("a dead cat in the street"
 * finds the stray-animal article; the dead-animal service has that topic).
 */
export function serviceReportedUnder(
  dialog: Dialog | undefined,
  topic: string,
  text: string,
): CatalogService | undefined {
  if (!(dialog instanceof IntakeDialog)) return undefined;
  const named = serviceNamed(dialog.catalog, text)?.service;
  return named?.topic === topic ? named : undefined;
}

/** The routing check of an intake dialog, for a caller that holds it as a plain Dialog. */
export function routesAway(dialog: Dialog | undefined, text: string): boolean {
  return dialog instanceof IntakeDialog && dialog.routesAway(text);
}

export type { StepKey };
