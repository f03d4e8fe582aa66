import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../bot/logger.js';
import type { ActivityListener, ConversationLog } from './conversation-log.js';
import type { TokenService } from './directline-token.js';

/** Keep-alive ping interval; also notices dead sockets. */
export const SOCKET_PING_MS = 30_000;
const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

export interface DirectLineSocketDeps {
  readonly log: ConversationLog;
  readonly tokens: TokenService;
  readonly logger: Logger;
  /** Where the router is mounted, e.g. '/directline'. */
  readonly mountPath: string;
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The Direct Line stream: `GET {mount}/conversations/{id}/stream?t=TOKEN&watermark=N`
 * upgraded to a WebSocket. It first replays the kept activities after N, then
 * sends each new one as a frame `{activities: [activity], watermark}`.
 * Returns a function that detaches it (closing open sockets).
 */
export function attachDirectLineSocket(server: Server, deps: DirectLineSocketDeps): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const pattern = new RegExp(
    `^${deps.mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/conversations/([^/]+)/stream$`,
  );

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = pattern.exec(url.pathname);
    if (!match) {
      if (url.pathname.startsWith(`${deps.mountPath}/`)) reject(socket, 404, 'Not Found');
      return;
    }
    const id = decodeURIComponent(match[1] ?? '');
    let allowed = false;
    try {
      allowed = deps.tokens.verify(url.searchParams.get('t') ?? undefined).conversationId === id;
    } catch {
      allowed = false;
    }
    const conversation = allowed ? deps.log.get(id) : undefined;
    if (!allowed || !conversation) {
      reject(socket, allowed ? 404 : 403, allowed ? 'Not Found' : 'Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const send: ActivityListener = (activity, watermark) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities: [activity], watermark }));
      };
      const replay = deps.log.after(conversation, url.searchParams.get('watermark') ?? undefined);
      if (replay.activities.length > 0) ws.send(JSON.stringify(replay));
      conversation.listeners.add(send);
      let alive = true;
      ws.on('pong', () => {
        alive = true;
      });
      // Web Chat sends empty frames as its own keep-alive: they keep the conversation from going idle.
      ws.on('message', () => deps.log.get(id));
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
        clearInterval(ping);
        conversation.listeners.delete(send);
      });
      ws.on('error', (error) => deps.logger.warn('directline socket error', { error }));
    });
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
