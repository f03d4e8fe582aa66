import {
  AutoSaveStateMiddleware,
  type BotAdapter,
  type Middleware,
  type MiddlewareHandler,
} from 'botbuilder';
import { cleanInputMiddleware } from './clean-input.js';
import type { Bot } from './create-bot.js';
import { type EmergencyScreen, emergencyMiddleware } from './emergency-middleware.js';
import type { Logger } from './logger.js';
import { turnErrorHandler } from './turn-error.js';

/**
 * The turn pipeline, in the order a message meets it:
 *
 *  1. verify + parse               - the channel (signature, its payload -> an Activity);
 *                                    channels queue turns per conversation (TurnQueue)
 *  2. clean input                  - markup, control characters and excess length removed
 *  3. record conversation reference - so the notifier can reach the resident later
 *  4. keywords                     - STOP / START / HELP (opt-out is honoured before anything else is said)
 *  5. emergency screen             - 911 reply at once; cancels any dialog in progress
 *  6. active dialog or main dialog - knowledge answer / clarify / intake / status   (bot.run)
 *  7. render                       - the channel's sendActivities (SMS text, Slack blocks, ...)
 *  8. save state once              - conversation and user state, after everything above
 *
 * Any error ends in the one turn-error handler (apology, 311, no stack trace).
 */
export interface PipelineDeps {
  readonly bot: Bot;
  readonly emergency: EmergencyScreen;
  readonly logger: Logger;
  /** Step 3 (bot/conversation-store.ts). */
  readonly recordReference?: Middleware | MiddlewareHandler;
  /** Step 4 (bot/keywords-middleware.ts). */
  readonly keywords?: Middleware | MiddlewareHandler;
}

/** Registers the pipeline on any BotAdapter; run turns with `adapter logic = bot.run`. */
export function usePipeline<A extends BotAdapter>(adapter: A, deps: PipelineDeps): A {
  const { bot, logger } = deps;
  adapter.onTurnError = turnErrorHandler(bot, logger);
  adapter.use(cleanInputMiddleware);
  if (deps.recordReference) adapter.use(deps.recordReference);
  // Saves after next() returns, i.e. once, after keywords, emergency and dialogs (step 8).
  adapter.use(new AutoSaveStateMiddleware(bot.conversationState, bot.userState));
  if (deps.keywords) adapter.use(deps.keywords);
  adapter.use(emergencyMiddleware(deps.emergency, (context) => bot.cancelDialogs(context), logger));
  return adapter;
}
