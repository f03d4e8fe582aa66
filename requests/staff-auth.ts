import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * The staff APIs' guard: 503 when STAFF_TOKEN is not configured (never open),
 * 401 without a Bearer token, 403 for a wrong one (constant-time compare).
 */
export function requireStaff(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (expected === undefined) {
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
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: 'The staff token is not valid.' } });
      return;
    }
    next();
  };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
