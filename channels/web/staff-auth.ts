import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../../bot/clock.js';

export const STAFF_COOKIE = 'staff_session';
/** A staff login lasts a working day. */
export const STAFF_SESSION_SECONDS = 10 * 60 * 60;

/** Failed sign-ins allowed per client address in a window, before 429. */
export const MAX_FAILED_SIGN_INS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
const MAX_TRACKED_CLIENTS = 10_000;

export type StaffAuthResult = 'ok' | 'unconfigured' | 'denied';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Staff sign in with STAFF_TOKEN (a form or a Bearer header). The browser then
 * holds an httpOnly, SameSite=Strict cookie `expiry.HMAC(token, expiry)`: the
 * token itself is never stored in the browser, and changing it logs everyone out.
 */
export class StaffAuth {
  constructor(
    private readonly staffToken: string | undefined,
    private readonly clock: Clock,
  ) {}

  private readonly failures = new Map<string, { count: number; since: number }>();

  /** True while a client address has used up its failed sign-ins for the window. */
  signInBlocked(client: string): boolean {
    const entry = this.failures.get(client);
    if (!entry) return false;
    if (this.clock().getTime() - entry.since > SIGN_IN_WINDOW_MS) {
      this.failures.delete(client);
      return false;
    }
    return entry.count >= MAX_FAILED_SIGN_INS;
  }

  recordFailedSignIn(client: string): void {
    const now = this.clock().getTime();
    const entry = this.failures.get(client);
    if (entry && now - entry.since <= SIGN_IN_WINDOW_MS) entry.count += 1;
    else {
      if (this.failures.size >= MAX_TRACKED_CLIENTS) this.failures.clear();
      this.failures.set(client, { count: 1, since: now });
    }
  }

  get configured(): boolean {
    return this.staffToken !== undefined;
  }

  tokenMatches(candidate: unknown): boolean {
    return (
      this.staffToken !== undefined && typeof candidate === 'string' && safeEqual(candidate, this.staffToken)
    );
  }

  check(req: Request): StaffAuthResult {
    if (this.staffToken === undefined) return 'unconfigured';
    const header = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (header !== undefined) return this.tokenMatches(header) ? 'ok' : 'denied';
    const cookie = readCookie(req, STAFF_COOKIE);
    return cookie !== undefined && this.sessionValid(cookie) ? 'ok' : 'denied';
  }

  /** Sets the session cookie after a successful login. */
  startSession(req: Request, res: Response): void {
    const expires = Math.floor(this.clock().getTime() / 1000) + STAFF_SESSION_SECONDS;
    res.cookie(STAFF_COOKIE, `${expires}.${this.sign(expires)}`, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: STAFF_SESSION_SECONDS * 1000,
    });
  }

  endSession(res: Response): void {
    res.clearCookie(STAFF_COOKIE, { path: '/' });
  }

  /** API guard: 503 when no staff token is configured, 401 without a valid token or session. */
  readonly requireStaff = (req: Request, res: Response, next: NextFunction): void => {
    const result = this.check(req);
    if (result === 'ok') {
      next();
      return;
    }
    if (result === 'unconfigured') {
      res
        .status(503)
        .json({ error: { code: 'STAFF_UNCONFIGURED', message: 'The staff console is not configured.' } });
      return;
    }
    res.status(401).json({ error: { code: 'STAFF_UNAUTHORIZED', message: 'Staff sign-in required.' } });
  };

  /**
   * Lets the console's session cookie call Bearer-protected staff APIs
   * (e.g. /api/requests): a valid session becomes the Bearer header. Changes
   * must be JSON, which a cross-site form cannot send.
   */
  readonly sessionAsBearer = (req: Request, res: Response, next: NextFunction): void => {
    if (this.staffToken !== undefined && !req.get('authorization')) {
      const cookie = readCookie(req, STAFF_COOKIE);
      if (cookie !== undefined && this.sessionValid(cookie)) {
        const safe = req.method === 'GET' || req.method === 'HEAD';
        if (!safe && !req.is('application/json')) {
          res.status(415).json({ error: { code: 'JSON_REQUIRED', message: 'Send changes as JSON.' } });
          return;
        }
        req.headers.authorization = `Bearer ${this.staffToken}`;
      }
    }
    next();
  };

  private sessionValid(cookie: string): boolean {
    const [expiresText, signature] = cookie.split('.');
    const expires = Number(expiresText);
    if (!Number.isInteger(expires) || !signature) return false;
    if (expires * 1000 <= this.clock().getTime()) return false;
    return safeEqual(signature, this.sign(expires));
  }

  private sign(expires: number): string {
    return createHmac('sha256', this.staffToken ?? '')
      .update(`staff-session:${expires}`)
      .digest('base64url');
  }
}
