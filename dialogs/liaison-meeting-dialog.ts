import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { TrackingNumber } from '../requests/types.js';
import {
  Dialog,
  type DialogContext,
  type DialogInstance,
  DialogReason,
  type DialogTurnResult,
} from './dialogs-lib.js';
import { identityOf } from './identity.js';
import type { IntakeResult } from './intake-dialog.js';
import { isCancel, isHelp } from './intake-format.js';
import { describeLocation } from './intake-summary.js';
import { isDone } from './liaison-commands.js';
import type { LiaisonDialogDeps } from './liaison-ports.js';
import { liaisonTexts } from './liaison-replies.js';
import { plainExplain, reply } from './replies.js';

/**
 * Meeting mode: the liaison enters several problems in a row. Each message
 * that is not DONE begins the intake (the same dialog residents use, with the
 * message as its first answer); when it ends the meeting asks for the next.
 * DONE - also in the middle of a problem - ends with one summary listing every
 * tracking number. If the meeting is cancelled from outside (MENU) the summary
 * is still sent, so no tracking number is lost.
 */
export const LIAISON_MEETING_FLOW = 'liaison-meeting';
/** The intake's id inside the liaison dialog. */
export const MEETING_INTAKE = 'liaison-meeting-intake';

/** Tells the meeting that DONE came in the middle of a problem. */
export const MEETING_DONE = { outcome: 'meeting-done' } as const;

interface Entered {
  readonly id: TrackingNumber;
  readonly outcome: 'filed' | 'followed';
}

interface MeetingState {
  entered: Entered[];
  accountId: string;
  neighborhood: string;
}

const EXPLAIN = plainExplain('service-request');

export class LiaisonMeetingFlow extends Dialog {
  constructor(private readonly deps: LiaisonDialogDeps) {
    super(LIAISON_MEETING_FLOW);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const account = await this.deps.liaisons.accountFor(identityOf(dc.context));
    if (account === undefined) {
      await dc.context.sendActivity(reply(liaisonTexts.revoked(), { explain: EXPLAIN }));
      return dc.endDialog();
    }
    const state: MeetingState = { entered: [], accountId: account.id, neighborhood: account.neighborhood };
    (dc.activeDialog!.state as { meeting?: MeetingState }).meeting = state;
    await dc.context.sendActivity(reply(liaisonTexts.meetingStart(account), { explain: EXPLAIN }));
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const text = activity.text ?? '';
    if (isDone(text) || isCancel(text)) return this.finish(dc, '');
    if (isHelp(text)) {
      await dc.context.sendActivity(reply(liaisonTexts.meetingHelp(), { explain: EXPLAIN }));
      return Dialog.EndOfTurn;
    }
    if ((await this.deps.liaisons.accountFor(identityOf(dc.context))) === undefined) {
      await dc.context.sendActivity(reply(liaisonTexts.revoked(), { explain: EXPLAIN }));
      return dc.endDialog();
    }
    return dc.beginDialog(MEETING_INTAKE, { text });
  }

  async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const ended = result as IntakeResult | typeof MEETING_DONE | undefined;
    if (ended?.outcome === 'meeting-done') return this.finish(dc, liaisonTexts.meetingAbandoned());
    if (ended?.outcome === 'filed' || ended?.outcome === 'followed') {
      state.entered.push({ id: ended.id, outcome: ended.outcome });
    }
    await dc.context.sendActivity(
      reply(liaisonTexts.meetingNext(state.entered.length), { explain: EXPLAIN }),
    );
    return Dialog.EndOfTurn;
  }

  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = (instance.state as { meeting?: MeetingState }).meeting;
    await context.sendActivity(
      reply(liaisonTexts.meetingNext(state?.entered.length ?? 0), { explain: EXPLAIN }),
    );
  }

  /** Cancelled from outside (MENU): the summary still goes out. */
  async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    const state = (instance.state as { meeting?: MeetingState }).meeting;
    if (reason === DialogReason.cancelCalled && state && state.entered.length > 0) {
      await context.sendActivity(reply(await this.summary(state), { explain: EXPLAIN }));
    }
  }

  private async finish(dc: DialogContext, prefix: string): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const text = [prefix, await this.summary(state)].filter((t) => t !== '').join(' ');
    await dc.context.sendActivity(reply(text, { explain: EXPLAIN }));
    return dc.endDialog({ entered: state.entered });
  }

  /** One message with every tracking number of the meeting. */
  private async summary(state: MeetingState): Promise<string> {
    const { entered, neighborhood } = state;
    // A request's service and place, read back from the store: the intake only hands back its number.
    if (entered.length === 0) return 'Meeting ended. Nothing was filed.';
    const filed = new Map((await this.deps.liaisons.requestsOf(state.accountId)).map((r) => [r.id, r]));
    const name = (code: string) => this.deps.intake.catalog.get(code)?.name ?? code;
    const lines = entered.map((e) => {
      const request = filed.get(e.id);
      const what = request ? ` ${name(request.serviceCode)} at ${describeLocation(request.location)}` : '';
      return `#${e.id}${what}${e.outcome === 'followed' ? ' (already reported; you now follow it)' : ''}`;
    });
    const count = entered.length === 1 ? '1 request' : `${entered.length} requests`;
    return [
      `Meeting summary for ${neighborhood}: ${count}.`,
      ...lines,
      'Text MY REQUESTS any time to check on them.',
    ].join('\n');
  }

  private state(dc: DialogContext): MeetingState {
    const holder = dc.activeDialog!.state as { meeting?: MeetingState };
    holder.meeting ??= { entered: [], accountId: '', neighborhood: '' };
    return holder.meeting;
  }
}
