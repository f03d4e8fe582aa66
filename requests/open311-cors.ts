import type { NextFunction, Request, Response } from 'express';
import { publicOrigin } from './public-origin.js';

/** Origins allowed to call Open311 from a browser: `'*'` (reads only) or a list (reads and POST). */
export type CorsOrigins = '*' | readonly string[];

const READ_METHODS = 'GET, HEAD, OPTIONS';
const ALL_METHODS = 'GET, HEAD, POST, OPTIONS';
/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * CORS for the Open311 API. Reads (services, definitions, requests,
 * discovery) are open to the configured origins - any with `'*'`. POST is
 * open cross-origin only to origins named in a list: a preflight for POST
 * from any other origin gets no allow headers, and a POST that a browser
 * sends anyway (a form post needs no preflight) is refused with 403 by
 * `isPostAllowed` before anything is read.
 */
export function open311Cors(origins: CorsOrigins) {
  const listed = (origin: string | undefined) =>
    origin !== undefined && origins !== '*' && origins.includes(origin);
  const allowRead = (res: Response, origin: string | undefined) => {
    if (origins === '*') res.set('Access-Control-Allow-Origin', '*');
    else {
      res.vary('Origin');
      if (listed(origin)) res.set('Access-Control-Allow-Origin', origin);
    }
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    if (req.method === 'OPTIONS') {
      const wanted = (req.get('access-control-request-method') ?? 'GET').toUpperCase();
      const posting = wanted === 'POST';
      res.set('Allow', ALL_METHODS);
      if (posting ? listed(origin) : origins === '*' || listed(origin)) {
        allowRead(res, origin);
        res.set({
          'Access-Control-Allow-Methods': listed(origin) ? ALL_METHODS : READ_METHODS,
          'Access-Control-Allow-Headers': 'Content-Type',
          'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
        });
      } else if (origins !== '*') res.vary('Origin');
      res.status(204).end();
      return;
    }
    if (req.method === 'POST') {
      if (listed(origin)) {
        res.vary('Origin');
        res.set('Access-Control-Allow-Origin', origin);
      } else if (origins !== '*') res.vary('Origin');
    } else allowRead(res, origin);
    next();
  };
}

/**
 * A POST from a browser page carries `Origin`: it may file only from this
 * server's own origin or a listed one. Clients that are not browsers send no
 * Origin and are judged by their api_key alone.
 */
export function isPostAllowed(req: Request, origins: CorsOrigins): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return true;
  if (origins !== '*' && origins.includes(origin)) return true;
  return origin === publicOrigin(req, undefined);
}
