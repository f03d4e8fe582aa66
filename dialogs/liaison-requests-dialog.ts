import { ActivityTypes } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from './dialogs-lib.js';
import { identityOf } from './identity.js';
import { isCancel } from './intake-format.js';
import { DEFAULT_TIME_ZONE } from './intake-ports.js';
import { isMore } from './liaison-commands.js';
import type { LiaisonDialogDeps } from './liaison-ports.js';
import { liaisonTexts, requestLine } from './liaison-replies.js';
import { plainExplain, reply } from './replies.js';

/**
 * A liaison's "my requests": every request of the account (whichever linked
 * identity filed it), newest first, status and delayed ones marked, one page
 * at a time; MORE shows the next page. Anything else ends the list and is
 * routed as a new message.
 */
export const LIAISON_REQUESTS_FLOW = 'liaison-requests';
/** Five lines keep an SMS page readable. */
export const SMS_PAGE_SIZE = 5;

interface PageState {
  page: number;
}

const EXPLAIN = plainExplain('status');

export class LiaisonRequestsFlow extends Dialog {
  constructor(private readonly deps: LiaisonDialogDeps) {
    super(LIAISON_REQUESTS_FLOW);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.show(dc, 0);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    if (isMore(activity.text)) return this.show(dc, (dc.activeDialog!.state as PageState).page + 1);
    if (isCancel(activity.text)) {
      await dc.context.sendActivity(reply('OK.', { explain: EXPLAIN }));
      return dc.endDialog();
    }
    return dc.endDialog({ reroute: true });
  }

  private async show(dc: DialogContext, page: number): Promise<DialogTurnResult> {
    const account = await this.deps.liaisons.accountFor(identityOf(dc.context));
    if (account === undefined) {
      await dc.context.sendActivity(reply(liaisonTexts.revoked(), { explain: EXPLAIN }));
      return dc.endDialog();
    }
    const all = await this.deps.liaisons.requestsOf(account.id);
    if (all.length === 0) {
      await dc.context.sendActivity(reply(liaisonTexts.noRequests(account), { explain: EXPLAIN }));
      return dc.endDialog();
    }
    const size = this.pageSize(dc);
    const pages = Math.ceil(all.length / size);
    const shown = Math.min(page, pages - 1);
    const slice = all.slice(shown * size, shown * size + size);
    const now = this.deps.intake.clock();
    const timeZone = this.deps.intake.timeZone ?? DEFAULT_TIME_ZONE;
    const name = (code: string) => this.deps.intake.catalog.get(code)?.name ?? code;
    const head =
      pages > 1
        ? `${account.neighborhood} liaison requests (${all.length}), page ${shown + 1} of ${pages}, newest first:`
        : `${account.neighborhood} liaison requests (${all.length}), newest first:`;
    const lines = slice.map((r) => requestLine(r, name(r.serviceCode), now, timeZone));
    const last = shown >= pages - 1;
    const tail = last ? [] : ['Reply MORE for the next page.'];
    await dc.context.sendActivity(
      reply([head, ...lines, ...tail].join('\n'), { choices: last ? [] : ['More'], explain: EXPLAIN }),
    );
    if (last) return dc.endDialog();
    (dc.activeDialog!.state as PageState).page = shown;
    return Dialog.EndOfTurn;
  }

  private pageSize(dc: DialogContext): number {
    const base = this.deps.pageSize ?? SMS_PAGE_SIZE;
    return identityOf(dc.context).channel === 'sms' ? base : base * 2;
  }
}
