/**
 * A tracking number in what a resident writes ("status 12345678", "what about
 * 15123456?"). The pattern lives with the numbers, in requests/tracking-number.ts.
 */
export { findTrackingNumber } from '../../requests/tracking-number.js';
