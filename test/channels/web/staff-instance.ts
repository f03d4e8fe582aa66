import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Clock } from '../../../bot/clock.js';
import { StaffAuth } from '../../../channels/web/staff-auth.js';
import { FailedAttempts } from '../../../requests/failed-attempts.js';
import { requireStaff } from '../../../requests/staff-auth.js';

/**
 * One instance of the bot's staff doors, as a load balancer would see it: the
 * console's sign-in and session (StaffAuth) and a Bearer API (requireStaff),
 * sharing one count of wrong tokens, on its own loopback port.
 */
export interface StaffInstance {
  readonly base: string;
  /** POST /staff/login with a form token; the session cookie (`name=value`) when it succeeded. */
  login(token: string): Promise<{ status: number; cookie?: string }>;
  /** GET /api/staff/ping (StaffAuth's guard) with these headers; the status. */
  staffApi(headers: Record<string, string>): Promise<number>;
  /** GET /api/requests (requests/ Bearer guard) with this token. */
  requestsApi(token: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startStaffInstance(options: {
  staffToken: string | undefined;
  attempts?: FailedAttempts;
  clock?: Clock;
}): Promise<StaffInstance> {
  const clock = options.clock ?? (() => new Date());
  const attempts = options.attempts ?? new FailedAttempts({ clock });
  const auth = new StaffAuth(options.staffToken, clock, attempts);
  const app = express();
  app.post('/staff/login', express.urlencoded({ extended: false }), async (req, res) => {
    const result = await auth.tryToken(req, (req.body as Record<string, unknown>).token);
    if (result.kind === 'ok') {
      auth.startSession(req, res);
      res.redirect(303, '/staff');
    } else res.sendStatus(result.kind === 'limited' ? 429 : 401);
  });
  app.post('/staff/logout', (_req, res) => {
    auth.endSession(res);
    res.redirect(303, '/staff');
  });
  app.get('/api/staff/ping', auth.requireStaff, (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/api/requests', requireStaff(options.staffToken, attempts), (_req, res) => {
    res.json({ ok: true });
  });
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async login(token) {
      const res = await fetch(`${base}/staff/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      return { status: res.status, ...(cookie ? { cookie } : {}) };
    },
    async staffApi(headers) {
      return (await fetch(`${base}/api/staff/ping`, { headers })).status;
    },
    requestsApi: (token) => fetch(`${base}/api/requests`, { headers: { authorization: `Bearer ${token}` } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
