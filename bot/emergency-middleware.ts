import type { MiddlewareHandler, TurnContext } from 'botbuilder';
import { reply } from '../dialogs/replies.js';
import type { Explain } from './explain.js';
import type { Logger } from './logger.js';

/** The emergency screen's contract (bot/emergency-screen.ts). */
export interface EmergencyScreen {
  screen(text: string): { readonly emergency: boolean; readonly reason?: string };
  /** The 911 reply, in the resident's language. */
  reply(text: string): string;
}

/**
 * Emergency screen step of the pipeline: an emergency gets the 911 reply at
 * once and nothing else - no knowledge answer, no request - and any dialog in
 * progress (an intake included) is cancelled so it cannot be filed later.
 */
export function emergencyMiddleware(
  screen: EmergencyScreen,
  cancelDialogs: (context: TurnContext) => Promise<void>,
  logger: Logger,
): MiddlewareHandler {
  return async (context, next) => {
    const text = context.activity.type === 'message' ? context.activity.text : undefined;
    const verdict = text ? screen.screen(text) : undefined;
    if (!text || !verdict?.emergency) return next();
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
  };
}
