import express, { type NextFunction, type Request, type Response } from 'express';
import {
  type DecodedForm,
  decodeMultipart,
  decodeQuery,
  decodeUrlEncoded,
  type FormFields,
} from './form-decode.js';
import { Open311HttpError } from './open311-input.js';

/** Largest form-urlencoded POST body accepted (a description is at most 4,000 characters). */
export const OPEN311_BODY_LIMIT = '32kb';
/** Largest multipart POST body: a 5 MB photo and the form's fields. */
export const OPEN311_MULTIPART_LIMIT = '6mb';
/** The POST bodies understood (GeoReport v2 posts forms; JSON is not one of them). */
export const OPEN311_POST_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;

const formBytes = express.raw({ type: () => true, limit: OPEN311_BODY_LIMIT });
const multipartBytes = express.raw({ type: () => true, limit: OPEN311_MULTIPART_LIMIT });

/**
 * Reads a POST body as bytes, within the limit of its type; any other type
 * (or none) is a 415 naming the types accepted.
 */
export function readBody(req: Request, res: Response, next: NextFunction): void {
  const type = req.is([...OPEN311_POST_TYPES]);
  if (type === 'multipart/form-data') multipartBytes(req, res, next);
  else if (type === 'application/x-www-form-urlencoded') formBytes(req, res, next);
  else {
    const given = req.get('content-type');
    next(
      new Open311HttpError(
        415,
        `send the request as ${OPEN311_POST_TYPES.join(' or ')}${given ? `, not ${given.split(';')[0]}` : ''}`,
      ),
    );
  }
}

/** The body `readBody` read, decoded strictly (percent-escapes and UTF-8 checked). */
export async function decodeBody(req: Request): Promise<DecodedForm> {
  const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
  if (req.is('multipart/form-data')) return decodeMultipart(req.get('content-type') ?? '', bytes);
  return { fields: decodeUrlEncoded(bytes), files: new Map() };
}

/** The query string, decoded as strictly as a body (express's parser keeps bad escapes as they came). */
export function queryOf(req: Request): FormFields {
  return decodeQuery(req.originalUrl);
}
