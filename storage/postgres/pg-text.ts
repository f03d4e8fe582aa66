/**
 * PostgreSQL's text and jsonb cannot hold U+0000, and jsonb also refuses a
 * lone surrogate (half of an emoji cut in two); a JavaScript string can hold
 * both. Stored, they become U+FFFD, so an odd character in what a resident
 * typed never fails a write.
 */

/** `\u0000` or `\uD800`-`\uDFFF` escapes (JSON.stringify escapes only lone surrogates), not preceded by an escaping backslash. */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/** JSON text (as JSON.stringify writes it) made acceptable to a jsonb column. */
export function jsonbSafe(json: string): string {
  return json.replace(UNSTORABLE_ESCAPE, '$1\\ufffd');
}

/** JSON text of `value` that a jsonb column accepts. */
export function jsonbText(value: unknown): string {
  return jsonbSafe(JSON.stringify(value));
}

/** A string a text column accepts. */
export function pgText(text: string): string {
  return text.replaceAll('\u0000', '\ufffd');
}
