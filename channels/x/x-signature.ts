/**
 * X (Twitter) Account Activity webhook security, as pure functions:
 * - the CRC challenge: GET with `crc_token`, answered with
 *   `sha256=` + base64(HMAC-SHA256(consumer secret, crc_token));
 * - event POSTs carry `x-twitter-webhooks-signature`: `sha256=` + base64
 *   HMAC-SHA256 of the raw body with the consumer secret (constant-time compare).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

function hmac(secret: string, data: string | Buffer): string {
  return `${PREFIX}${createHmac('sha256', secret).update(data).digest('base64')}`;
}

/** The `response_token` for a CRC check. */
export function crcResponseToken(consumerSecret: string, crcToken: string): string {
  return hmac(consumerSecret, crcToken);
}

/** The signature X sends with an event body (tests and the simulator sign with it). */
export function signXBody(consumerSecret: string, rawBody: string | Buffer): string {
  return hmac(consumerSecret, rawBody);
}

export interface XSignatureInput {
  readonly consumerSecret: string;
  readonly rawBody: Buffer;
  /** The x-twitter-webhooks-signature header; missing counts as invalid. */
  readonly signature: string | undefined;
}

export function verifyXSignature(input: XSignatureInput): boolean {
  if (!input.signature?.startsWith(PREFIX)) return false;
  const expected = Buffer.from(signXBody(input.consumerSecret, input.rawBody));
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
