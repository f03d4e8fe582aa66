import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import express, { type Request, type Response, type Router } from 'express';
import type { Bot } from '../../bot/create-bot.js';
import type { Logger } from '../../bot/logger.js';
import type { TurnQueue } from '../../bot/turn-queue.js';

export const BOT_FRAMEWORK_PATH = '/api/messages';
/** Bot Framework activities are small; anything bigger is refused with 413. */
const MAX_BODY = '256kb';

export interface BotFrameworkCredentials {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly tenantId?: string;
}

/**
 * botbuilder's CloudAdapter. Without an app id it accepts unauthenticated
 * activities and replies to their serviceUrl - the Bot Framework Emulator's
 * protocol; with deliveryMode 'expectReplies' the replies come back in the
 * HTTP response instead. With an app id, Azure Bot Service tokens are checked.
 */
export function createCloudAdapter(credentials: BotFrameworkCredentials): BotFrameworkAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    MicrosoftAppType: credentials.tenantId ? 'SingleTenant' : 'MultiTenant',
  };
  return new BotFrameworkAdapter(
    new ConfigurationBotFrameworkAuthentication(options),
    credentials.appId ?? '',
  );
}

/** Bot Framework channel ids whose conversations reach us through /api/messages. */
export const BOT_FRAMEWORK_CHANNEL_IDS = [
  'emulator',
  'msteams',
  'webchat',
  'skype',
  'telegram',
  'facebook',
] as const;

/**
 * CloudAdapter that can also be reached the way every other channel is, through
 * `continueConversation(reference, logic)` (CloudAdapter only implements the
 * app-id variant), so the notifier can send status notices to Emulator and
 * Azure conversations.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly appId: string,
  ) {
    super(auth);
  }

  override continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return this.continueConversationAsync(this.appId, reference, logic);
  }
}

export interface BotFrameworkRouteDeps {
  /** A CloudAdapter with the pipeline registered (usePipeline). */
  readonly adapter: CloudAdapter;
  readonly bot: Bot;
  readonly queue: TurnQueue;
  readonly logger: Logger;
  /** With app credentials every activity must carry a Bot Framework token. */
  readonly authenticated?: boolean;
}

/** `POST /api/messages`: one turn per activity, queued behind earlier turns of its conversation. */
export function botFrameworkRouter(deps: BotFrameworkRouteDeps): Router {
  const router = express.Router();
  router.post('/', express.json({ limit: MAX_BODY }), async (req: Request, res: Response) => {
    if (deps.authenticated && !req.headers.authorization) {
      // Refused here, before botbuilder would log the failure with a stack trace.
      res.status(401).json({ error: 'a Bot Framework token is required' });
      return;
    }
    const body = req.body as { type?: unknown; conversation?: { id?: unknown } } | undefined;
    const conversation = body?.conversation?.id;
    if (
      typeof body?.type !== 'string' ||
      body.type === '' ||
      typeof conversation !== 'string' ||
      conversation === ''
    ) {
      res.status(400).json({ error: 'not a Bot Framework activity: type and conversation.id are required' });
      return;
    }
    try {
      await deps.queue.run(`bot-framework/${conversation}`, () =>
        deps.adapter.process(req, res, deps.bot.run),
      );
    } catch (error) {
      deps.logger.error('bot framework request failed', { error });
      if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    }
  });
  return router;
}
