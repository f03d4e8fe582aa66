/**
 * Text for SMS: GSM-7-safe punctuation where possible (a single curly quote
 * turns a 160-character segment into a 70-character one) and splitting long
 * replies on sentence boundaries into messages of at most 320 characters.
 */

/** The longest message we send: two GSM-7 segments (153 characters each once split) and change. */
export const SMS_MAX_MESSAGE_CHARS = 320;

const REPLACEMENTS: readonly (readonly [RegExp, string])[] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u2022\u00B7\u25CF\u25AA]/g, '-'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  [/[\u200B-\u200D\u2060\uFEFF]/g, ''],
];

/** Replaces typographic punctuation with its GSM-7 ASCII equivalent; other characters are kept. */
export function toGsmSafe(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out;
}

/** Light Markdown to plain text: links become "text (url)", emphasis and heading marks go. */
export function markdownToPlain(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((\S+?)\)/g, (_m, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[*+]\s+/gm, '- ');
}

/** Sentence-sized pieces, each keeping its trailing whitespace (a line break ends a piece too). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?]["')\]]*\s+|\n)/).filter((s) => s.length > 0);
}

function hardSplit(piece: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of piece.split(/(?<=\s)/)) {
    if ((current + word).trimEnd().length <= max) {
      current += word;
      continue;
    }
    if (current.trim()) out.push(current.trimEnd());
    current = word;
    while (current.trimEnd().length > max) {
      out.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current.trim()) out.push(current.trimEnd());
  return out;
}

/** Splits text into messages of at most `max` characters, at sentence boundaries where possible. */
export function splitSms(text: string, max = SMS_MAX_MESSAGE_CHARS): string[] {
  const clean = text.trim();
  if (clean.length <= max) return clean ? [clean] : [];
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) out.push(current.trim());
    current = '';
  };
  for (const piece of sentences(clean)) {
    if ((current + piece).trim().length <= max) {
      current += piece;
      continue;
    }
    flush();
    if (piece.trim().length <= max) {
      current = piece;
      continue;
    }
    const parts = hardSplit(piece, max);
    current = parts.pop() ?? '';
    out.push(...parts);
  }
  flush();
  return out;
}
