import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../../bot/logger.js';
import { publicOrigin } from '../../requests/public-origin.js';
import { parsePostedActivity } from './activity-input.js';
import { newConversationId, randomUserId } from './conversation-log.js';
import type { DirectLineAdapter } from './directline-adapter.js';
import { DirectLineError } from './directline-error.js';
import type { DirectLineStore } from './directline-store.js';
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
  readonly store: DirectLineStore;
  readonly tokens: TokenService;
  readonly uploads: UploadStore;
  readonly logger: Logger;
  /** Public origin (e.g. https://311.example.org); default: each request's, through `trust proxy`. */
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

/**
 * The watermark a client resumes from (`GET /conversations/{id}?watermark=N`),
 * or '-' (everything kept) when it gives none or not a count.
 */
function resumeWatermark(req: Request): string {
  const watermark = req.query.watermark;
  return typeof watermark === 'string' && /^\d{1,15}$/.test(watermark) ? watermark : '-';
}

/** Errors of the body parsers (http-errors): a Content-Encoding or charset we cannot read, or a corrupt body. */
function bodyError(error: unknown): DirectLineError | undefined {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed')
    return new DirectLineError('BAD_ACTIVITY', 'The body is not valid JSON.');
  if (type === 'entity.too.large') return new DirectLineError('TOO_LARGE');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new DirectLineError('UNSUPPORTED_ENCODING');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) return new DirectLineError('BAD_BODY');
  return undefined;
}

/** Express router for Direct Line 3.0 (mount at /directline). */
export function createDirectLineRouter(deps: DirectLineRouterDeps): Router {
  const { adapter, store, tokens, uploads } = deps;
  const router = express.Router();
  const json = express.json({ limit: JSON_BODY_LIMIT, type: () => true });

  const claimsFor = (req: Request): TokenClaims => {
    const token = bearer(req);
    if (!token) throw new DirectLineError('TOKEN_MISSING');
    return tokens.verify(token);
  };
  const conversationFor = async (req: Request) => {
    const claims = claimsFor(req);
    const id = String(req.params.id);
    if (claims.conversationId !== id) throw new DirectLineError('CONVERSATION_FORBIDDEN');
    const conversation = await store.get(id);
    if (!conversation) throw new DirectLineError('CONVERSATION_NOT_FOUND');
    return { claims, conversation };
  };
  /** wss:// behind TLS; the stream replays what came after `watermark` ('-': everything kept). */
  const streamUrl = (req: Request, issued: IssuedToken, watermark: string): string => {
    const base = publicOrigin(req, deps.publicUrl).replace(/^http/, 'ws');
    const token = encodeURIComponent(issued.token);
    const conversation = encodeURIComponent(issued.conversationId);
    return `${base}${req.baseUrl}/conversations/${conversation}/stream?watermark=${watermark}&t=${token}`;
  };
  const conversationBody = (req: Request, issued: IssuedToken, watermark = '-') => ({
    conversationId: issued.conversationId,
    token: issued.token,
    expires_in: issued.expires_in,
    streamUrl: streamUrl(req, issued, watermark),
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
    const { conversation, created } = await store.open(claims.conversationId, claims.userId, claims.staff);
    if (created) await within(adapter.startConversation(conversation), BOT_TURN_WAIT_MS);
    res.status(created ? 201 : 200).json(conversationBody(req, tokens.refresh(bearer(req))));
  });

  // A client reconnecting its stream: it gets only what came after the watermark it names.
  router.get('/conversations/:id', async (req, res) => {
    await conversationFor(req);
    res.json(conversationBody(req, tokens.refresh(bearer(req)), resumeWatermark(req)));
  });

  router.get('/conversations/:id/activities', async (req, res) => {
    const { conversation } = await conversationFor(req);
    const watermark = typeof req.query.watermark === 'string' ? req.query.watermark : undefined;
    const page = await store.after(conversation.id, watermark);
    if (!page) throw new DirectLineError('CONVERSATION_NOT_FOUND');
    res.json(page);
  });

  router.post('/conversations/:id/activities', json, async (req, res) => {
    const { conversation } = await conversationFor(req);
    const { id, turn } = await adapter.receive(conversation, parsePostedActivity(req.body));
    await within(turn, BOT_TURN_WAIT_MS);
    res.json({ id });
  });

  router.post(
    '/conversations/:id/upload',
    express.raw({ type: 'multipart/form-data', limit: MAX_UPLOAD_BYTES * MAX_UPLOAD_FILES + 64 * 1024 }),
    async (req, res) => {
      const { conversation } = await conversationFor(req);
      const upload = await parseUpload(req.get('content-type') ?? '', req.body);
      // Every file is checked before any is stored (or counted): a refused message leaves nothing behind.
      for (const file of upload.files) uploads.check(file.bytes);
      if (!(await store.addUploads(conversation.id, upload.files.length, MAX_UPLOADS_PER_CONVERSATION))) {
        throw new DirectLineError('TOO_MANY_UPLOADS');
      }
      const base = `${publicOrigin(req, deps.publicUrl)}${deps.mediaPath}`;
      const attachments = [];
      for (const file of upload.files) {
        const stored = await uploads.save(file.bytes);
        attachments.push({
          contentType: stored.contentType,
          contentUrl: `${base}/${stored.name}`,
          name: file.name,
        });
      }
      const activity = { ...parsePostedActivity(upload.activity, { withFiles: true }), attachments };
      const { id, turn } = await adapter.receive(conversation, activity);
      await within(turn, BOT_TURN_WAIT_MS);
      res.json({ id });
    },
  );

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof DirectLineError) {
      res.status(error.status).json(error.toBody());
      return;
    }
    const refused = bodyError(error);
    if (refused) {
      res.status(refused.status).json(refused.toBody());
      return;
    }
    deps.logger.error('directline request failed', { error: error instanceof Error ? error : String(error) });
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } });
  });

  return router;
}
