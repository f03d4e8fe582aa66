/**
 * Characters that are never meant in stored text: they break XML (controls),
 * reorder what staff read (bidi overrides and isolates, U+202A-202E and
 * U+2066-2069) or hide inside words (zero-width, U+200B-200D, U+2060, U+FEFF).
 */
const UNSEEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const BREAKS = /[\t\n\r]+/g;

/** Text of many lines (a description): unseen characters removed, `\n` and `\t` kept, `\r\n` as `\n`. */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSEEN, '');
}

/** One line of text (a name, an address): unseen characters removed, line breaks and tabs as one space. */
export function sanitizeLine(text: string): string {
  return text.replace(UNSEEN, '').replace(BREAKS, ' ');
}
