import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { clientOf, FailedAttempts } from './failed-attempts.js';

/**
 * True when `candidate` is `expected`, in time that depends on neither: both
 * are hashed first, so not even the length leaks.
 */
export function sameSecret(candidate: string, expected: string): boolean {
  return timingSafeEqual(digest(candidate), digest(expected));
}

/**
 * Answers 429 with Retry-After when a client has used up its wrong staff
 * tokens; `{ error: { code: 'TOO_MANY_ATTEMPTS', message } }`.
 */
export function tooManyAttempts(res: Response, retryAfterSeconds: number): void {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  res.status(429).set('Retry-After', String(retryAfterSeconds));
  res.json({
    error: {
      code: 'TOO_MANY_ATTEMPTS',
      message: `Too many wrong staff tokens from this address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    },
  });
}

/**
 * The staff APIs' guard: 503 when STAFF_TOKEN is not configured (never open),
 * 401 without a Bearer token, 403 for a wrong one (constant-time compare),
 * 429 once the client has sent too many wrong ones (counted in `attempts`,
 * which every staff entry point shares; its token then does not pass, right
 * or wrong).
 */
export function requireStaff(token: string | undefined, attempts: FailedAttempts = new FailedAttempts()) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (token === undefined) {
      res.status(503).json({
        error: { code: 'NOT_CONFIGURED', message: 'The staff API is not configured (STAFF_TOKEN).' },
      });
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (match === null) {
      res.set('WWW-Authenticate', 'Bearer').status(401);
      res.json({ error: { code: 'UNAUTHORIZED', message: 'A staff Bearer token is required.' } });
      return;
    }
    const verdict = await attempts.judge(clientOf(req), sameSecret(match[1]!, token));
    if (verdict.kind === 'limited') {
      tooManyAttempts(res, verdict.retryAfter);
      return;
    }
    if (verdict.kind === 'wrong') {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: 'The staff token is not valid.' } });
      return;
    }
    next();
  };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
