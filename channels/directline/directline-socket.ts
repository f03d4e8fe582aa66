import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../bot/logger.js';
import type { ActivityListener, DirectLineStore } from './directline-store.js';
import type { TokenService } from './directline-token.js';

/** Keep-alive ping interval; also notices dead sockets. */
export const SOCKET_PING_MS = 30_000;
const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

export interface DirectLineSocketDeps {
  readonly store: DirectLineStore;
  readonly tokens: TokenService;
  readonly logger: Logger;
  /** Where the router is mounted, e.g. '/directline'. */
  readonly mountPath: string;
}

function asError(error: unknown): Error | string {
  return error instanceof Error ? error : String(error);
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The Direct Line stream: `GET {mount}/conversations/{id}/stream?t=TOKEN&watermark=N`
 * upgraded to a WebSocket. It first replays the kept activities after N, then
 * sends each new one as a frame `{activities: [activity], watermark}` - those
 * appended on this instance and, with a shared store, on any other.
 * Returns a function that detaches it (closing open sockets).
 */
export function attachDirectLineSocket(server: Server, deps: DirectLineSocketDeps): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const pattern = new RegExp(
    `^${deps.mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/conversations/([^/]+)/stream$`,
  );

  /** Checks the token and the conversation, then upgrades; the stream replays and follows the store. */
  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer, id: string, url: URL) => {
    let allowed = false;
    try {
      allowed = deps.tokens.verify(url.searchParams.get('t') ?? undefined).conversationId === id;
    } catch {
      allowed = false;
    }
    if (!allowed) {
      reject(socket, 403, 'Forbidden');
      return;
    }
    if (!(await deps.store.get(id))) {
      reject(socket, 404, 'Not Found');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const send: ActivityListener = (page) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(page));
      };
      let closed = false;
      let unsubscribe: (() => void) | undefined;
      deps.store.subscribe(id, url.searchParams.get('watermark') ?? undefined, send).then(
        (stop) => {
          if (closed) stop();
          else unsubscribe = stop;
        },
        (error: unknown) => {
          deps.logger.warn('directline stream could not follow its conversation', { error: asError(error) });
          ws.close(1011);
        },
      );
      let alive = true;
      ws.on('pong', () => {
        alive = true;
      });
      // Web Chat sends empty frames as its own keep-alive: they keep the conversation from going idle.
      ws.on('message', () => {
        deps.store.get(id).catch(() => undefined);
      });
      const ping = setInterval(() => {
        if (!alive) {
          ws.terminate();
          return;
        }
        alive = false;
        ws.ping();
      }, SOCKET_PING_MS);
      ping.unref();
      ws.on('close', () => {
        closed = true;
        clearInterval(ping);
        unsubscribe?.();
      });
      ws.on('error', (error) => deps.logger.warn('directline socket error', { error }));
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = pattern.exec(url.pathname);
    if (!match) {
      if (url.pathname.startsWith(`${deps.mountPath}/`)) reject(socket, 404, 'Not Found');
      return;
    }
    // The store answers asynchronously: a client leaving meanwhile must not be an unhandled socket error.
    const dropped = () => socket.destroy();
    socket.on('error', dropped);
    upgrade(req, socket, head, decodeURIComponent(match[1] ?? ''), url)
      .catch((error: unknown) => {
        deps.logger.warn('directline stream refused: the store failed', { error: asError(error) });
        reject(socket, 503, 'Service Unavailable');
      })
      .finally(() => socket.off('error', dropped));
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
