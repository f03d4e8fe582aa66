import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from './dialogs-lib.js';
import { identityOf } from './identity.js';
import { reply } from './intake-format.js';
import { DEFAULT_TIME_ZONE, type StatusDeps } from './intake-ports.js';
import { describeRequest, STATUS_EXPLAIN } from './status-dialog.js';

/**
 * "my requests": the requests made from this sender (channel + user), newest
 * first, each with its status; delayed ones are marked. One reply, no questions.
 */
export const MY_REQUESTS_DIALOG = 'my-requests';
const MY_REQUESTS_FLOW = 'my-requests-flow';
/** An SMS stays readable: the newest few, and how many more there are. */
export const MY_REQUESTS_SHOWN = 5;

class MyRequestsFlow extends Dialog {
  constructor(private readonly deps: StatusDeps) {
    super(MY_REQUESTS_FLOW);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const found = await this.deps.requests.listForRequester(identityOf(dc.context));
    const newest = [...found].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
    const now = this.deps.clock();
    const timeZone = this.deps.timeZone ?? DEFAULT_TIME_ZONE;
    let text: string;
    if (newest.length === 0) {
      text =
        'I don\'t have any requests from you here yet. To report a problem, tell me what and where, e.g. "pothole at 1234 Spruce St".';
    } else {
      const lines = newest
        .slice(0, MY_REQUESTS_SHOWN)
        .map((r) =>
          describeRequest(
            r,
            this.deps.catalog.get(r.serviceCode)?.name ?? r.serviceCode,
            now,
            timeZone,
            false,
          ),
        );
      const more =
        newest.length > MY_REQUESTS_SHOWN ? [`...and ${newest.length - MY_REQUESTS_SHOWN} older.`] : [];
      text = [`Your requests (${newest.length}), newest first:`, ...lines, ...more].join('\n');
    }
    await dc.context.sendActivity(reply(text, [], STATUS_EXPLAIN));
    return dc.endDialog(newest.length);
  }
}

export class MyRequestsDialog extends ComponentDialog {
  constructor(deps: StatusDeps, id: string = MY_REQUESTS_DIALOG) {
    super(id);
    this.addDialog(new MyRequestsFlow(deps));
    this.initialDialogId = MY_REQUESTS_FLOW;
  }
}
