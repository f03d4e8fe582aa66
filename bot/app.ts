import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Article } from '../knowledge/types.js';
import type { TrustProxy } from './config.js';
import { toKbJson } from './kb-json.js';
import type { Logger } from './logger.js';

/** A router a channel (or the staff console, Open311) contributes, mounted at `path`. */
export interface Mount {
  readonly path: string;
  readonly handler: RequestHandler | express.Router;
}

export interface AppDeps {
  readonly articles: readonly Article[];
  readonly logger: Logger;
  readonly mounts?: readonly Mount[];
  /**
   * Which proxies' X-Forwarded-For / -Proto / -Host to believe (express's
   * `trust proxy`); without it `req.ip` is the socket's address and
   * forwarded headers are ignored.
   */
  readonly trustProxy?: TrustProxy;
  /** For `GET /readyz`: false while the stores cannot take writes (default: always ready). */
  readonly ready?: () => Promise<boolean>;
}

/**
 * The HTTP server's routes: `GET /healthz` (liveness: the process answers),
 * `GET /readyz` (readiness: 503 while the database is unreachable, so a load
 * balancer sends traffic elsewhere), `GET /api/kb`, then every mount.
 * There is no global body parser: each route parses its own body (Slack and
 * Twilio verify signatures over the raw bytes). Errors are JSON without a
 * stack trace; a body that does not parse is a 400.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy === undefined ? false : deps.trustProxy);
  // Byte for byte what `npm run kb:export` prints.
  const kb = `${JSON.stringify(toKbJson(deps.articles), null, 2)}\n`;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    let ready = false;
    try {
      ready = deps.ready ? await deps.ready() : true;
    } catch {
      ready = false;
    }
    res.set('Cache-Control', 'no-store');
    if (ready) res.json({ status: 'ready' });
    else
      res.status(503).set('Retry-After', '5').json({ status: 'unavailable', reason: 'storage unreachable' });
  });
  app.get('/api/kb', (_req, res) => {
    res.type('application/json').send(kb);
  });
  for (const mount of deps.mounts ?? []) app.use(mount.path, mount.handler);

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
    if (code === 500) deps.logger.error('request failed', { error, path: req.path });
    else deps.logger.info('request refused', { status: code, path: req.path });
    if (res.headersSent) return;
    res.status(code).json({ error: code === 500 ? 'internal error' : 'bad request' });
  };
  app.use(onError);
  return app;
}
