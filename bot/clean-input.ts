import type { MiddlewareHandler } from 'botbuilder';
import { removeInvisible } from '../understanding/index.js';

/** Longest message text the bot reads; the rest is dropped (SMS tops out at 1,600 characters). */
export const MAX_INPUT_CHARS = 2000;

const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/** Printable ASCII without markup characters (<, &) or runs of spaces. */
const PLAIN = /^(?:[\x21-\x25\x27-\x3b\x3d-\x7e]| (?! ))*$/;

/**
 * The text every later step can trust: no markup (script and style bodies
 * dropped, tags removed, common entities decoded), no invisible characters
 * (removed, so a word they sat inside stays whole), no control characters,
 * single spaces, at most MAX_INPUT_CHARS characters (cut at a word).
 */
export function cleanInput(text: string): string {
  // Most messages are plain printable ASCII with single spaces: nothing to remove.
  if (text.length <= MAX_INPUT_CHARS && PLAIN.test(text)) return text.trim();
  // Invisible characters go first and leave no gap: "wh\u200Ben" is "when".
  let s = removeInvisible(text)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?[a-z!][^>]*>/gi, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (m) => ENTITIES[m] ?? ' ')
    // Other control and format characters, line/paragraph separators.
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > MAX_INPUT_CHARS) {
    const cut = s.lastIndexOf(' ', MAX_INPUT_CHARS);
    s = s.slice(0, cut > MAX_INPUT_CHARS / 2 ? cut : MAX_INPUT_CHARS);
  }
  return s;
}

/** Parse step of the pipeline: cleans the text of an incoming message in place. */
export const cleanInputMiddleware: MiddlewareHandler = async (context, next) => {
  if (context.activity.type === 'message' && typeof context.activity.text === 'string') {
    context.activity.text = cleanInput(context.activity.text);
  }
  await next();
};
