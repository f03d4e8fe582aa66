import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { TopicId } from '../knowledge/types.js';
import { isDelayed } from '../requests/time-frame.js';
import {
  OPEN_STATUSES,
  type RequestStatus,
  type ServiceRequest,
  type TrackingNumber,
} from '../requests/types.js';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from './dialogs-lib.js';
import { formatDay, formatShortDate, isCancel, type ReplyExplain, reply } from './intake-format.js';
import { DEFAULT_TIME_ZONE, type StatusDeps } from './intake-ports.js';
import { describeLocation } from './intake-summary.js';
import { findTrackingNumber } from './tracking-number.js';

/**
 * "status 12345678" (or any message with a tracking number): the request's
 * status, notes, expected date and "delayed" when it is open past that date. With
 * no number the dialog asks for it; an unknown number gets a clear answer.
 */
export const STATUS_DIALOG = 'status';
const STATUS_FLOW = 'status-flow';
const MAX_ASKS = 2;

export interface StatusOptions {
  /** The message that asked; a tracking number in it is looked up at once. */
  readonly text?: string;
  readonly trackingNumber?: TrackingNumber;
}

export const STATUS_EXPLAIN: ReplyExplain = {
  outcome: 'status',
  topic: 'request-status' as TopicId,
  score: 1,
  alternatives: [],
};

const STATUS_WORDS: Record<RequestStatus, string> = {
  received: 'Received',
  'in-progress': 'In progress',
  scheduled: 'Scheduled',
  duplicate: 'Closed as a duplicate',
  'closed-fixed': 'Fixed',
  'closed-unfounded': 'Closed - the crew found no problem',
  'not-city-responsibility': "Closed - not the city's responsibility",
};

/** One line (or two) a resident reads: "#12345678 Pothole at 1234 Spruce St: In progress. ..." */
export function describeRequest(
  request: ServiceRequest,
  serviceName: string,
  now: Date,
  timeZone: string,
  withNotes = true,
): string {
  const parts = [
    `#${request.id} ${serviceName} at ${describeLocation(request.location)}: ${STATUS_WORDS[request.status]}`,
  ];
  const parent = [...request.history].reverse().find((h) => h.parent)?.parent;
  if (request.status === 'duplicate' && parent) parts[0] += ` of #${parent}`;
  if (!OPEN_STATUSES.has(request.status)) parts[0] += ` (${formatShortDate(request.updatedAt, timeZone)})`;
  parts[0] += '.';
  if (withNotes && request.statusNotes) parts.push(`Note: ${request.statusNotes}`);
  if (request.expectedAt && OPEN_STATUSES.has(request.status)) {
    const day = formatDay(request.expectedAt, timeZone);
    parts.push(isDelayed(request, now) ? `DELAYED - it was expected by ${day}.` : `Expected by ${day}.`);
  }
  return parts.join(' ');
}

class StatusFlow extends Dialog<StatusOptions> {
  constructor(private readonly deps: StatusDeps) {
    super(STATUS_FLOW);
  }

  async beginDialog(dc: DialogContext, options?: StatusOptions): Promise<DialogTurnResult> {
    const id = options?.trackingNumber ?? findTrackingNumber(options?.text ?? '');
    if (id) return this.lookUp(dc, id);
    (dc.activeDialog!.state as { asks: number }).asks = 1;
    await dc.context.sendActivity(
      reply(
        "What's the tracking number? It's the 8-digit number you got when you filed.",
        [],
        STATUS_EXPLAIN,
      ),
    );
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    if (isCancel(activity.text)) {
      await dc.context.sendActivity(reply('OK.', [], STATUS_EXPLAIN));
      return dc.endDialog();
    }
    const id = findTrackingNumber(activity.text ?? '');
    if (id) return this.lookUp(dc, id);
    const state = dc.activeDialog!.state as { asks: number };
    state.asks += 1;
    if (state.asks > MAX_ASKS) {
      await dc.context.sendActivity(
        reply(
          'I still need the 8-digit tracking number. Text "status" and the number any time.',
          [],
          STATUS_EXPLAIN,
        ),
      );
      return dc.endDialog();
    }
    await dc.context.sendActivity(
      reply(
        "That doesn't look like a tracking number - it has 8 digits, e.g. 12345678. Or say CANCEL.",
        [],
        STATUS_EXPLAIN,
      ),
    );
    return Dialog.EndOfTurn;
  }

  async repromptDialog(context: TurnContext): Promise<void> {
    await context.sendActivity(reply("What's the tracking number?", [], STATUS_EXPLAIN));
  }

  private async lookUp(dc: DialogContext, id: TrackingNumber): Promise<DialogTurnResult> {
    const request = await this.deps.requests.get(id);
    const text = request
      ? describeRequest(
          request,
          this.deps.catalog.get(request.serviceCode)?.name ?? request.serviceCode,
          this.deps.clock(),
          this.deps.timeZone ?? DEFAULT_TIME_ZONE,
        )
      : `I couldn't find request #${id} - check the number and try again.`;
    await dc.context.sendActivity(reply(text, [], STATUS_EXPLAIN));
    return dc.endDialog(request);
  }
}

/** Status lookups as one ComponentDialog. */
export class StatusDialog extends ComponentDialog<StatusOptions> {
  constructor(deps: StatusDeps, id: string = STATUS_DIALOG) {
    super(id);
    this.addDialog(new StatusFlow(deps));
    this.initialDialogId = STATUS_FLOW;
  }
}
