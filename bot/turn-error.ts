import type { TurnContext } from 'botbuilder';
import { plainExplain, REACH_311, reply } from '../dialogs/replies.js';
import type { Bot } from './create-bot.js';
import type { Logger } from './logger.js';

export const TURN_ERROR_TEXT = `Sorry, something went wrong on our side and I couldn't finish that. Please try again in a moment. ${REACH_311} For an emergency, call 911.`;

/**
 * The one turn-error handler: logs (redacted, no stack trace), resets the
 * conversation so a broken dialog cannot trap the resident, and apologises
 * pointing to 311.
 */
export function turnErrorHandler(
  bot: Bot,
  logger: Logger,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const code = (error as { code?: unknown }).code;
    logger.error('turn failed', {
      error,
      ...(typeof code === 'string' ? { code } : {}),
      channel: context.activity.channelId,
    });
    try {
      await bot.conversationState.delete(context);
    } catch (reset) {
      logger.warn('could not reset conversation state', { error: reset });
    }
    try {
      await context.sendActivity(reply(TURN_ERROR_TEXT, { explain: plainExplain('other') }));
    } catch (send) {
      logger.error('could not send the apology', { error: send });
    }
  };
}
