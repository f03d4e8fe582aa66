import { randomInt } from 'node:crypto';
import type { TrackingNumber } from './types.js';

/** Draws a candidate tracking number; injected so tests fix the numbers. */
export type TrackingNumberGenerator = () => string;

/** Eight digits, never starting with 0, so residents can quote it as a number. */
export const TRACKING_NUMBER_PATTERN = /^[1-9]\d{7}$/;

/** A tracking number where residents type one in free text ("status of 15123456"). */
const IN_TEXT = /(?<![\d-])([1-9]\d{7})(?![\d-])/;

/**
 * Cryptographically random 8-digit numbers: 90 million possibilities, so a
 * number cannot be guessed from the one before it.
 */
export const randomTrackingNumber: TrackingNumberGenerator = () => String(randomInt(10_000_000, 100_000_000));

export function isTrackingNumber(value: string): value is TrackingNumber {
  return TRACKING_NUMBER_PATTERN.test(value);
}

/** The first tracking number quoted in a message, if any. */
export function findTrackingNumber(text: string): TrackingNumber | undefined {
  const match = IN_TEXT.exec(text);
  return match?.[1] as TrackingNumber | undefined;
}
