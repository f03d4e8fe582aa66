import { MAX_NOTE_LENGTH } from '../requests/liaison-service.js';
import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  type RouteContext,
} from './dialogs-lib.js';
import { identityOf } from './identity.js';
import { IntakeDialog } from './intake-dialog.js';
import { attributeLiaisonRequests } from './liaison-attribution.js';
import { isDone, type LiaisonCommand, parseLiaisonCommand } from './liaison-commands.js';
import {
  LIAISON_MEETING_FLOW,
  LiaisonMeetingFlow,
  MEETING_DONE,
  MEETING_INTAKE,
} from './liaison-meeting-dialog.js';
import type { LiaisonDialogDeps } from './liaison-ports.js';
import { liaisonTexts, summaryText } from './liaison-replies.js';
import { LIAISON_REQUESTS_FLOW, LiaisonRequestsFlow } from './liaison-requests-dialog.js';
import { plainExplain, reply } from './replies.js';

/**
 * Everything a Neighborhood Liaison can do from any channel. The main dialog
 * calls `route` for a message no dialog is waiting for:
 * - "LIAISON <code>" (from anyone) links this identity to an account;
 * - from a linked identity: MY REQUESTS (the account's, paged), MEETING
 *   (several problems in a row through the intake, one summary), SUMMARY
 *   (the neighborhood's counts) and FOLLOW UP <number> <note>.
 * Anything else, or a command from someone not linked, is left to the
 * main dialog's other routes.
 */
export const LIAISON_DIALOG = 'liaison';

export interface LiaisonOptions {
  readonly flow: typeof LIAISON_REQUESTS_FLOW | typeof LIAISON_MEETING_FLOW;
}

const EXPLAIN = plainExplain('other');

export class LiaisonDialog extends ComponentDialog<LiaisonOptions> {
  constructor(private readonly deps: LiaisonDialogDeps) {
    super(LIAISON_DIALOG);
    this.addDialog(new LiaisonRequestsFlow(deps));
    this.addDialog(new LiaisonMeetingFlow(deps));
    // The same intake residents use; what it files carries the account id and neighborhood.
    const requests = attributeLiaisonRequests(deps.intake.requests, deps.liaisons);
    this.addDialog(new IntakeDialog({ ...deps.intake, requests }, MEETING_INTAKE));
  }

  /**
   * Handles a liaison command, beginning this dialog when it needs more turns;
   * undefined when the message is not one for the liaison routes.
   */
  async route(dc: RouteContext, text: string): Promise<DialogTurnResult | undefined> {
    const command = parseLiaisonCommand(text);
    if (command === undefined) return undefined;
    const identity = identityOf(dc.context);
    if (command.kind === 'link') return this.say(dc, await this.link(dc, command.code));
    const account = await this.deps.liaisons.accountFor(identity);
    if (account === undefined) {
      // Not a liaison: a follow-up with a number gets a clear answer, the rest is routed as usual.
      return command.kind === 'follow-up' && command.id ? this.say(dc, liaisonTexts.notLiaison()) : undefined;
    }
    switch (command.kind) {
      case 'my-requests':
        return dc.beginDialog(LIAISON_DIALOG, { flow: LIAISON_REQUESTS_FLOW } satisfies LiaisonOptions);
      case 'meeting':
        return dc.beginDialog(LIAISON_DIALOG, { flow: LIAISON_MEETING_FLOW } satisfies LiaisonOptions);
      case 'summary': {
        const summary = await this.deps.liaisons.summary(account.neighborhood);
        const name = (code: string) => this.deps.intake.catalog.get(code)?.name ?? code;
        return this.say(
          dc,
          summary ? summaryText(summary, name) : `${account.neighborhood}: no requests yet.`,
        );
      }
      case 'follow-up':
        return this.say(dc, await this.followUp(dc, command));
      default: {
        const unknown: never = command;
        throw new Error(`unhandled liaison command ${JSON.stringify(unknown)}`);
      }
    }
  }

  protected override async onBeginDialog(
    inner: DialogContext,
    options?: LiaisonOptions,
  ): Promise<DialogTurnResult> {
    return inner.beginDialog(options?.flow ?? LIAISON_REQUESTS_FLOW);
  }

  /** DONE in the middle of a meeting's problem ends the meeting, not the problem's question. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (inner.activeDialog?.id === MEETING_INTAKE && isDone(inner.context.activity.text)) {
      return inner.endDialog(MEETING_DONE);
    }
    return super.onContinueDialog(inner);
  }

  private async link(dc: RouteContext, code: string): Promise<string> {
    const identity = identityOf(dc.context);
    const result = await this.deps.liaisons.link(identity, code);
    switch (result.outcome) {
      case 'linked':
        return liaisonTexts.linked(identity.channel, result.account);
      case 'already-linked':
        return liaisonTexts.alreadyLinked(identity.channel);
      case 'linked-elsewhere':
        return liaisonTexts.linkedElsewhere(identity.channel);
      case 'rate-limited':
        return liaisonTexts.rateLimited();
      case 'invalid':
        return liaisonTexts.invalidCode();
      default: {
        const unknown: never = result;
        throw new Error(`unhandled link result ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async followUp(
    dc: RouteContext,
    command: Extract<LiaisonCommand, { kind: 'follow-up' }>,
  ): Promise<string> {
    if (command.id === undefined || command.note === '') return liaisonTexts.followUpHow();
    const result = await this.deps.liaisons.followUp(identityOf(dc.context), command.id, command.note);
    switch (result.outcome) {
      case 'recorded':
        return liaisonTexts.followUpRecorded(command.id);
      case 'not-yours':
        return liaisonTexts.notYours(command.id);
      case 'not-liaison':
        return liaisonTexts.revoked();
      case 'empty-note':
        return liaisonTexts.followUpHow();
      case 'too-long':
        return liaisonTexts.noteTooLong(MAX_NOTE_LENGTH);
      default: {
        const unknown: never = result;
        throw new Error(`unhandled follow-up result ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async say(dc: RouteContext, text: string): Promise<DialogTurnResult> {
    await dc.context.sendActivity(reply(text, { explain: EXPLAIN }));
    return dc.endDialog();
  }
}
