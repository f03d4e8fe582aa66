import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../../bot/logger.js';
import { parsePostedActivity } from './activity-input.js';
import { type ConversationLog, newConversationId, randomUserId } from './conversation-log.js';
import type { DirectLineAdapter } from './directline-adapter.js';
import { DirectLineError } from './directline-error.js';
import type { IssuedToken, TokenClaims, TokenService } from './directline-token.js';
import { parseUpload } from './upload-parser.js';
import {
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_FILES,
  MAX_UPLOADS_PER_CONVERSATION,
  type UploadStore,
} from './upload-store.js';

/** How long a POST waits for the bot's turn before answering anyway (Direct Line allows a bot 15 s). */
export const BOT_TURN_WAIT_MS = 10_000;
export const JSON_BODY_LIMIT = '64kb';

export interface DirectLineRouterDeps {
  readonly adapter: DirectLineAdapter;
  readonly log: ConversationLog;
  readonly tokens: TokenService;
  readonly uploads: UploadStore;
  readonly logger: Logger;
  /** Public origin (e.g. https://311.example.org); default: taken from each request's Host. */
  readonly publicUrl?: string;
  /** Path of the media route serving uploads, relative to the origin. */
  readonly mediaPath: string;
}

/** Waits for `work` at most `ms`; a slow bot keeps working and its replies still reach the stream. */
async function within(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export function bearer(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export function origin(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Express router for Direct Line 3.0 (mount at /directline). */
export function createDirectLineRouter(deps: DirectLineRouterDeps): Router {
  const { adapter, log, tokens, uploads } = deps;
  const router = express.Router();
  const json = express.json({ limit: JSON_BODY_LIMIT, type: () => true });

  const claimsFor = (req: Request): TokenClaims => {
    const token = bearer(req);
    if (!token) throw new DirectLineError('TOKEN_MISSING');
    return tokens.verify(token);
  };
  const conversationFor = (req: Request) => {
    const claims = claimsFor(req);
    const id = String(req.params.id);
    if (claims.conversationId !== id) throw new DirectLineError('CONVERSATION_FORBIDDEN');
    const conversation = log.get(id);
    if (!conversation) throw new DirectLineError('CONVERSATION_NOT_FOUND');
    return { claims, conversation };
  };
  const streamUrl = (req: Request, issued: IssuedToken): string => {
    const base = origin(req, deps.publicUrl).replace(/^http/, 'ws');
    const token = encodeURIComponent(issued.token);
    return `${base}${req.baseUrl}/conversations/${encodeURIComponent(issued.conversationId)}/stream?watermark=-&t=${token}`;
  };
  const conversationBody = (req: Request, issued: IssuedToken) => ({
    conversationId: issued.conversationId,
    token: issued.token,
    expires_in: issued.expires_in,
    streamUrl: streamUrl(req, issued),
  });

  router.post('/tokens/generate', (_req, res) => {
    const issued = tokens.issue({
      conversationId: newConversationId(),
      userId: randomUserId(),
      staff: false,
    });
    res.json({ conversationId: issued.conversationId, token: issued.token, expires_in: issued.expires_in });
  });

  router.post('/tokens/refresh', (req, res) => {
    const issued = tokens.refresh(bearer(req));
    res.json({ conversationId: issued.conversationId, token: issued.token, expires_in: issued.expires_in });
  });

  router.post('/conversations', async (req, res) => {
    const claims = claimsFor(req);
    const { conversation, created } = log.open(claims.conversationId, claims.userId, claims.staff);
    if (created) await within(adapter.startConversation(conversation), BOT_TURN_WAIT_MS);
    res.status(created ? 201 : 200).json(conversationBody(req, tokens.refresh(bearer(req))));
  });

  router.get('/conversations/:id', (req, res) => {
    conversationFor(req);
    res.json(conversationBody(req, tokens.refresh(bearer(req))));
  });

  router.get('/conversations/:id/activities', (req, res) => {
    const { conversation } = conversationFor(req);
    const watermark = typeof req.query.watermark === 'string' ? req.query.watermark : undefined;
    res.json(log.after(conversation, watermark));
  });

  router.post('/conversations/:id/activities', json, async (req, res) => {
    const { conversation } = conversationFor(req);
    const { id, turn } = adapter.receive(conversation, parsePostedActivity(req.body));
    await within(turn, BOT_TURN_WAIT_MS);
    res.json({ id });
  });

  router.post(
    '/conversations/:id/upload',
    express.raw({ type: 'multipart/form-data', limit: MAX_UPLOAD_BYTES * MAX_UPLOAD_FILES + 64 * 1024 }),
    async (req, res) => {
      const { conversation } = conversationFor(req);
      const upload = await parseUpload(req.get('content-type') ?? '', req.body);
      if (conversation.uploads + upload.files.length > MAX_UPLOADS_PER_CONVERSATION) {
        throw new DirectLineError('TOO_MANY_UPLOADS');
      }
      // Every file is checked before any is stored: a refused message leaves nothing behind.
      for (const file of upload.files) uploads.check(file.bytes);
      const base = `${origin(req, deps.publicUrl)}${deps.mediaPath}`;
      const attachments = [];
      for (const file of upload.files) {
        const stored = await uploads.save(file.bytes);
        conversation.uploads += 1;
        attachments.push({
          contentType: stored.contentType,
          contentUrl: `${base}/${stored.name}`,
          name: file.name,
        });
      }
      const activity = { ...parsePostedActivity(upload.activity, { withFiles: true }), attachments };
      const { id, turn } = adapter.receive(conversation, activity);
      await within(turn, BOT_TURN_WAIT_MS);
      res.json({ id });
    },
  );

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof DirectLineError) {
      res.status(error.status).json(error.toBody());
      return;
    }
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') {
      res.status(400).json(new DirectLineError('BAD_ACTIVITY', 'The body is not valid JSON.').toBody());
      return;
    }
    if (type === 'entity.too.large') {
      res.status(413).json(new DirectLineError('TOO_LARGE').toBody());
      return;
    }
    deps.logger.error('directline request failed', { error: error instanceof Error ? error : String(error) });
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } });
  });

  return router;
}
