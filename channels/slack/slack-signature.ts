/**
 * Slack request signatures (v0), as a pure function with an injectable
 * clock: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed with
 * the signing secret, compared in constant time; requests whose timestamp is
 * more than 5 minutes from now (either way) are refused as replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export type SlackSignatureResult = 'ok' | 'missing' | 'stale' | 'mismatch';

export interface SlackSignatureInput {
  readonly signingSecret: string;
  readonly rawBody: Buffer;
  /** x-slack-request-timestamp (seconds since the epoch). */
  readonly timestamp: string | undefined;
  /** x-slack-signature. */
  readonly signature: string | undefined;
  readonly now: Date;
}

/** The x-slack-signature Slack sends (tests and tools sign with it). */
export function signSlackRequest(
  signingSecret: string,
  timestamp: string | number,
  rawBody: string | Buffer,
): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

export function verifySlackSignature(input: SlackSignatureInput): SlackSignatureResult {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  const ageSeconds = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp));
  if (ageSeconds > SLACK_SIGNATURE_MAX_AGE_SECONDS) return 'stale';
  const expected = Buffer.from(signSlackRequest(input.signingSecret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}
