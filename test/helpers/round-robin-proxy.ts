/**
 * A load balancer on loopback for tests with several instances: each request
 * goes to the next backend in turn; a backend that refuses the connection (a
 * killed instance) is skipped for that request, and when none answers the
 * client gets 502, as from a real balancer. Bodies are passed through as bytes,
 * so provider signatures still verify.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  readonly url: string;
  /** Replaces the backends (e.g. after an instance restarts on a new port). */
  setBackends(backends: readonly string[]): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(initial: readonly string[]): Promise<RoundRobinProxy> {
  let backends = [...initial];
  let next = 0;
  const forward = (req: http.IncomingMessage, body: Buffer, target: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const url = new URL(req.url ?? '/', target);
      const out = http.request(
        url,
        { method: req.method, headers: { ...req.headers, host: url.host }, agent: false },
        resolve,
      );
      out.on('error', reject);
      out.end(body);
    });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const order = backends.map((_, i) => backends[(next + i) % backends.length]!);
    next = (next + 1) % Math.max(1, backends.length);
    for (const target of order) {
      try {
        const answer = await forward(req, body, target);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      } catch {
        // Connection refused or reset: try the next instance.
      }
    }
    res.writeHead(502).end('no backend answered');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setBackends(list) {
      backends = [...list];
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
