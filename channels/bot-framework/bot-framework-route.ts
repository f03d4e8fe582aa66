import type { CloudAdapter } from 'botbuilder';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Bot } from '../../bot/create-bot.js';
import type { Logger } from '../../bot/logger.js';
import type { TurnQueue } from '../../bot/turn-queue.js';
import { isLoopbackAddress, isLoopbackUrl } from './loopback.js';

export const BOT_FRAMEWORK_PATH = '/api/messages';
/** Bot Framework activities are small; anything bigger is refused with 413. */
const MAX_BODY = '256kb';

export interface BotFrameworkRouteDeps {
  /** A CloudAdapter with the pipeline registered (usePipeline). */
  readonly adapter: CloudAdapter;
  readonly bot: Bot;
  readonly queue: TurnQueue;
  readonly logger: Logger;
  /**
   * With app credentials every activity must carry a Bot Framework token.
   * Without (Emulator mode) only loopback clients are answered, and only
   * activities whose serviceUrl is loopback: anything else gets 401 and
   * nothing is sent.
   */
  readonly authenticated?: boolean;
}

/**
 * Emulator mode: the client must be on this machine, by the socket's address,
 * never X-Forwarded-For (a client names whatever it likes there). Behind a
 * proxy on the same machine every client would look local: Emulator mode is
 * not for a server behind a proxy.
 */
function loopbackClientsOnly(req: Request, res: Response, next: NextFunction): void {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    res.status(401).json({ error: 'without MICROSOFT_APP_ID only loopback clients may call /api/messages' });
    return;
  }
  next();
}

/** `POST /api/messages`: one turn per activity, queued behind earlier turns of its conversation. */
export function botFrameworkRouter(deps: BotFrameworkRouteDeps): Router {
  const router = express.Router();
  if (!deps.authenticated) router.use(loopbackClientsOnly);
  router.post('/', express.json({ limit: MAX_BODY }), async (req: Request, res: Response) => {
    if (deps.authenticated && !req.headers.authorization) {
      // Refused here, before botbuilder would log the failure with a stack trace.
      res.status(401).json({ error: 'a Bot Framework token is required' });
      return;
    }
    const body = req.body as
      | { type?: unknown; conversation?: { id?: unknown }; serviceUrl?: unknown }
      | undefined;
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
    if (!deps.authenticated && !isLoopbackUrl(body.serviceUrl)) {
      res.status(401).json({ error: 'without MICROSOFT_APP_ID replies go only to a loopback serviceUrl' });
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
