import type { Activity, MiddlewareHandler, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { reply } from '../dialogs/replies.js';
import type { Explain } from './explain.js';
import type { Logger } from './logger.js';

/** The emergency screen's contract (understanding/emergency/). */
export interface EmergencyScreen {
  screen(text: string): {
    /** A clear emergency: the 911 reply and nothing else. */
    readonly emergency: boolean;
    /** `possible`: the normal answer, with the 911 line first. */
    readonly tier?: 'clear' | 'possible' | 'none';
    readonly reason?: string;
  };
  /** The 911 reply, in the resident's language. */
  reply(text: string): string;
  /** The line put before the answer to a possible emergency, in the resident's language. */
  possibleLine(text: string): string;
}

/**
 * Emergency screen step of the pipeline, two tiers:
 *
 *  - a clear emergency gets the 911 reply at once and nothing else - no
 *    knowledge answer, no request - and any dialog in progress (an intake
 *    included) is cancelled so it cannot be filed later;
 *  - a possible one gets the normal turn, with the 911 line ("If anyone is in
 *    danger, call 911 now.") at the start of the first message the turn sends.
 */
export function emergencyMiddleware(
  screen: EmergencyScreen,
  cancelDialogs: (context: TurnContext) => Promise<void>,
  logger: Logger,
): MiddlewareHandler {
  return async (context, next) => {
    const text = context.activity.type === 'message' ? context.activity.text : undefined;
    const verdict = text ? screen.screen(text) : undefined;
    if (!text || !verdict) return next();
    if (verdict.emergency) {
      await cancelDialogs(context);
      logger.warn('emergency screened', { reason: verdict.reason, channel: context.activity.channelId });
      const explain: Explain = {
        outcome: 'emergency',
        topic: null,
        score: 1,
        alternatives: [],
        ...(verdict.reason ? { matched: verdict.reason } : {}),
      };
      await context.sendActivity(reply(screen.reply(text), { explain }));
      return;
    }
    if (verdict.tier !== 'possible') return next();
    logger.info('possible emergency screened', {
      reason: verdict.reason,
      channel: context.activity.channelId,
    });
    const line = screen.possibleLine(text);
    let shown = false;
    context.onSendActivities(async (_context, activities, send) => {
      if (!shown) {
        const first = activities.findIndex((activity) => activity.type === ActivityTypes.Message);
        if (first >= 0) {
          shown = true;
          putLineFirst(activities, first, line);
        }
      }
      return send();
    });
    await next();
    // A turn that said nothing still shows the line.
    if (!shown) {
      shown = true;
      await context.sendActivity(reply(line));
    }
  };
}

/** Puts `line` at the start of the message at `index` (or before it, when it has no text); botbuilder sends the array as changed. */
function putLineFirst(activities: Partial<Activity>[], index: number, line: string): void {
  const message = activities[index];
  if (message?.text) activities[index] = { ...message, text: `${line}\n\n${message.text}` };
  else activities.splice(index, 0, reply(line));
}
