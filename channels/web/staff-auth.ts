import { createHmac } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../../bot/clock.js';
import { clientOf, FailedAttempts } from '../../requests/failed-attempts.js';
import { sameSecret, tooManyAttempts } from '../../requests/staff-auth.js';

export const STAFF_COOKIE = 'staff_session';
/** A staff login lasts a working day. */
export const STAFF_SESSION_SECONDS = 10 * 60 * 60;

/** `limited`: the client has sent too many wrong tokens; `retryAfter` seconds to wait. */
export type StaffAuthResult =
  | { readonly kind: 'ok' | 'unconfigured' | 'denied' }
  | { readonly kind: 'limited'; readonly retryAfter: number };

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
 *
 * The session is the signed cookie and nothing else: no session table, no
 * per-process secret. Every instance configured with the same STAFF_TOKEN
 * verifies a cookie another issued, so a load balancer may send a staff
 * member's requests anywhere, and a restart logs nobody out. The expiry is
 * inside the signed value (a browser cannot extend it); logout deletes the
 * cookie in the browser.
 *
 * Every wrong token (sign-in form or Bearer header) counts against the client
 * in `attempts`, which the composition root shares with the other staff APIs
 * (and, over PostgreSQL, with the other instances); a client over the limit
 * gets 429 whatever token it sends. Session cookies are signed, not
 * guessable, and do not count.
 */
export class StaffAuth {
  constructor(
    private readonly staffToken: string | undefined,
    private readonly clock: Clock,
    readonly attempts: FailedAttempts = new FailedAttempts({ clock }),
  ) {}

  /**
   * Checks a token a client presents (the sign-in form, a Bearer header):
   * `limited` while the client is over its wrong tokens, and a wrong one is
   * counted.
   */
  async tryToken(req: Request, candidate: unknown): Promise<StaffAuthResult> {
    if (this.staffToken === undefined) return { kind: 'unconfigured' };
    const right = typeof candidate === 'string' && sameSecret(candidate, this.staffToken);
    const verdict = await this.attempts.judge(clientOf(req), right);
    if (verdict.kind === 'limited') return verdict;
    return { kind: verdict.kind === 'right' ? 'ok' : 'denied' };
  }

  /** A Bearer header is tried as a token (and counted); otherwise the session cookie decides. */
  async check(req: Request): Promise<StaffAuthResult> {
    if (this.staffToken === undefined) return { kind: 'unconfigured' };
    const header = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (header !== undefined) return this.tryToken(req, header);
    const cookie = readCookie(req, STAFF_COOKIE);
    return { kind: cookie !== undefined && this.sessionValid(cookie) ? 'ok' : 'denied' };
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

  /**
   * API guard: 503 when no staff token is configured, 401 without a valid
   * token or session, 429 after too many wrong tokens from the client.
   */
  readonly requireStaff = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const result = await this.check(req);
    if (result.kind === 'ok') {
      next();
      return;
    }
    if (result.kind === 'limited') {
      tooManyAttempts(res, result.retryAfter);
      return;
    }
    if (result.kind === 'unconfigured') {
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
    return sameSecret(signature, this.sign(expires));
  }

  private sign(expires: number): string {
    return createHmac('sha256', this.staffToken ?? '')
      .update(`staff-session:${expires}`)
      .digest('base64url');
  }
}
