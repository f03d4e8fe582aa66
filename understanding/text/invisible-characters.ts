/**
 * Characters that take no room on screen but split or reorder what a resident
 * typed: soft hyphen (U+00AD), Arabic letter mark (U+061C), Mongolian vowel
 * separator (U+180E), zero-width space, non-joiner and joiner (U+200B-200D),
 * left-to-right and right-to-left marks (U+200E-200F), bidi embeddings and
 * overrides (U+202A-202E), word joiner and invisible operators (U+2060-2064),
 * bidi isolates (U+2066-2069) and the zero-width no-break space / byte-order
 * mark (U+FEFF). "wh\u200Ben" is "when" to the reader, so they are removed
 * outright, never turned into a space. The one definition: input cleaning
 * and search normalisation both use it.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** `text` without invisible characters: `removeInvisible("tr\u200Dash")` -> `"trash"`. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
