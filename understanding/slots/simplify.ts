/**
 * The simplified form of a resident's text the slot readers compare: lower
 * case, no accents, no punctuation, single spaces.
 */
export function simplify(text: string): string {
  // A turn asks several of these questions of the same text: simplify it once.
  if (text === last.text) return last.simple;
  const simple = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  last = { text, simple };
  return simple;
}
let last = { text: '', simple: '' };
