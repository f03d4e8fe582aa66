import { createHash, randomInt } from 'node:crypto';

/**
 * One-time link codes. 12 characters from a 31-letter alphabet without the
 * look-alikes 0/O, 1/I/L (about 59 bits, crypto-random), shown in groups of
 * four ("KM7Q-4TXR-9HWD"). Only a SHA-256 of the normalised code is stored.
 * Guessing is hopeless online: failures are rate-limited (liaison-attempt-limiter.ts).
 */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 12;
/** A code not redeemed within this time stops working; staff issue a new one. */
export const LINK_CODE_TTL_DAYS = 14;

/** Draws a code; injected so tests fix codes. Must return LINK_CODE_LENGTH alphabet characters. */
export type LinkCodeGenerator = () => string;

/** Always holds a digit, so "LIAISON <code>" is told apart from a question about the program. */
export const randomLinkCode: LinkCodeGenerator = () => {
  for (;;) {
    let code = '';
    for (let i = 0; i < LINK_CODE_LENGTH; i++)
      code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
    if (/\d/.test(code)) return code;
  }
};

/** "km7q 4txr-9hwd" -> "KM7Q4TXR9HWD"; undefined when it cannot be a code (wrong length or letters). */
export function normalizeLinkCode(text: string): string | undefined {
  const code = text.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== LINK_CODE_LENGTH) return undefined;
  for (const ch of code) if (!LINK_CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}

/** "KM7Q4TXR9HWD" -> "KM7Q-4TXR-9HWD": easier to read out and type. */
export function formatLinkCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export function hashLinkCode(normalized: string): string {
  return createHash('sha256').update(`liaison-link:${normalized}`).digest('hex');
}

const PATTERN = /^\s*liaison\s*[:#-]?\s*([a-z0-9][a-z0-9 -]*?)\s*[.!]?\s*$/i;

/**
 * "LIAISON KM7Q-4TXR-9HWD" -> "KM7Q-4TXR-9HWD": what follows the word must
 * look like a code attempt (8 to 16 letters and digits, a digit among them,
 * one word or groups of four),
 * so "liaison program" stays a question for the knowledge base. Undefined
 * when the message is not a link command.
 */
export function linkCommandCode(text: string): string | undefined {
  const candidate = PATTERN.exec(text)?.[1];
  if (candidate === undefined) return undefined;
  const groups = candidate.split(/\s+/);
  if (groups.length > 1 && groups.some((g) => g.replace(/-/g, '').length !== 4)) return undefined;
  const compact = candidate.replace(/[\s-]+/g, '');
  return compact.length >= 8 && compact.length <= 16 && /\d/.test(compact) ? candidate : undefined;
}
