import { doubleMetaphone } from 'double-metaphone';
import Fuse from 'fuse.js';
import { isDictionaryWord } from '../text/dictionary.js';

/** A known index term that an unknown (usually misspelled) word was taken for. */
export interface VocabularyMatch {
  readonly term: string;
  /** The known word it was corrected to. */
  readonly word: string;
  /** 0..1, 1 = identical. */
  readonly similarity: number;
}

/** Words shorter than this are never corrected (too many real words lie one letter apart). */
const MIN_LENGTH = 4;

/**
 * Typo tolerance: fuse.js over the words the articles use finds candidates for
 * a word the index has never seen ("pohtole", "tikcet"), and an edit-distance
 * check (one edit, two for long words; a swap of neighbours counts as one)
 * keeps only real near-misses.
 *
 * A real word of English or Spanish (see isDictionaryWord) is not a typo: "heart"
 * never becomes "heat", nor "stock" "stick". It is only taken for a longer word
 * that sounds the same (double metaphone), the way SMS spells: "lite", "nite".
 * A word that is no word may also be spelled by ear ("naybors", "musik", "lisence").
 */
export class VocabularyMatcher {
  /** One small fuse.js index per first letter and length, so a look-up only scans plausible words. */
  readonly #buckets = new Map<string, Fuse<string>>();
  readonly #termOfWord: ReadonlyMap<string, string>;
  /** Every known word under each of its one-letter deletions: finds all words one edit away in O(length). */
  readonly #deletions = new Map<string, string[]>();
  readonly #cache = new Map<string, VocabularyMatch | null>();
  /** Known words by their primary double-metaphone code. */
  readonly #sounds = new Map<string, string[]>();
  readonly #isWord: (word: string) => boolean;

  /**
   * `words`: each known surface word and the index term it analyses to;
   * `isWord`: whether a word is a real word (default: the Hunspell dictionaries).
   */
  constructor(words: ReadonlyMap<string, string>, isWord: (word: string) => boolean = isDictionaryWord) {
    this.#termOfWord = words;
    this.#isWord = isWord;
    const groups = new Map<string, string[]>();
    for (const word of words.keys()) {
      if (word.length < MIN_LENGTH - 1 || !/^[a-z]+$/.test(word)) continue;
      const key = `${word[0]}${word.length}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [word]);
      else group.push(word);
    }
    for (const group of groups.values()) {
      for (const word of group) {
        const code = doubleMetaphone(word)[0];
        const alike = this.#sounds.get(code);
        if (alike === undefined) this.#sounds.set(code, [word]);
        else alike.push(word);
        for (const variant of [word, ...deletions(word)]) {
          const list = this.#deletions.get(variant);
          if (list === undefined) this.#deletions.set(variant, [word]);
          else if (list.at(-1) !== word) list.push(word);
        }
      }
    }
    for (const [key, group] of groups) {
      this.#buckets.set(
        key,
        new Fuse(group, { includeScore: true, threshold: 0.4, ignoreLocation: true, isCaseSensitive: true }),
      );
    }
  }

  /** The closest known word to an unknown one, or undefined. */
  match(word: string): VocabularyMatch | undefined {
    if (word.length < MIN_LENGTH - 1 || !/^[a-z]+$/.test(word)) return undefined;
    const cached = this.#cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.#isWord(word) ? this.#soundAlike(word, true) : this.#nearMiss(word);
    if (this.#cache.size > 5_000) this.#cache.clear();
    this.#cache.set(word, found ?? null);
    return found;
  }

  /**
   * A known word with the same primary double-metaphone code and first letter. For a real
   * word only one it spells with silent letters dropped ("lite" -> "light", "nite" ->
   * "night"); for a non-word any within half its length ("naybors" -> "neighbors").
   */
  #soundAlike(word: string, real: boolean): VocabularyMatch | undefined {
    const code = doubleMetaphone(word)[0];
    const limit = real ? 3 : Math.max(2, Math.ceil(word.length / 2));
    let best: VocabularyMatch | undefined;
    for (const item of this.#sounds.get(code) ?? []) {
      if (item[0] !== word[0] || (real && !dropsSilentLetters(word, item))) continue;
      const distance = editDistance(word, item, limit);
      if (distance > limit) continue;
      const similarity = Math.max(0.5, 1 - distance / Math.max(word.length, item.length));
      const term = this.#termOfWord.get(item);
      if (term !== undefined && (best === undefined || similarity > best.similarity)) {
        best = { term, word: item, similarity };
      }
    }
    return best;
  }

  /** The closest known word by spelling (a non-word: a typo), else by sound. */
  #nearMiss(word: string): VocabularyMatch | undefined {
    if (word.length < MIN_LENGTH) {
      // Three letters: only a dropped letter ("bil" -> "bill"), anything else is too likely another word.
      const item = (this.#deletions.get(word) ?? []).find(
        (w) => w.length === word.length + 1 && w[0] === word[0],
      );
      const term = item === undefined ? undefined : this.#termOfWord.get(item);
      return item !== undefined && term !== undefined ? { term, word: item, similarity: 0.75 } : undefined;
    }
    let best: VocabularyMatch | undefined;
    const allowed = word.length >= 8 ? 2 : 1;
    // One edit away: a shared one-letter deletion (covers a missing, extra, changed or swapped letter).
    const candidates = new Set<string>();
    for (const variant of [word, ...deletions(word)]) {
      for (const item of this.#deletions.get(variant) ?? []) candidates.add(item);
    }
    // Two edits away (long words only): fuse.js over the words of a plausible first letter and length.
    if (allowed === 2 && ![...candidates].some((item) => item[0] === word[0])) {
      for (let length = word.length - allowed; length <= word.length + allowed; length++) {
        const bucket = this.#buckets.get(`${word[0]}${length}`);
        if (bucket !== undefined)
          for (const { item } of bucket.search(word, { limit: 5 })) candidates.add(item);
      }
    }
    for (const item of candidates) {
      if (item[0] !== word[0]) continue; // typos rarely change the first letter
      const distance = editDistance(word, item, allowed);
      if (distance > allowed) continue;
      const similarity = 1 - distance / Math.max(word.length, item.length);
      const term = this.#termOfWord.get(item);
      if (term !== undefined && (best === undefined || similarity > best.similarity)) {
        best = { term, word: item, similarity };
      }
    }
    return best ?? this.#soundAlike(word, false);
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Whether `word` is `full` spelled without its silent letters: every letter of `word`
 * (but a final e) appears in `full` in order, and `full` is longer ("lite"/"light", "thru"/"through").
 */
function dropsSilentLetters(word: string, full: string): boolean {
  if (full.length <= word.length) return false;
  const letters = word.length > 3 && word.endsWith('e') ? word.slice(0, -1) : word;
  let j = 0;
  for (let i = 0; i < full.length && j < letters.length; i++) if (full[i] === letters[j]) j++;
  return j === letters.length;
}

/** Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = rows[i - 1]!;
      let value = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      row.push(value);
    }
    rows.push(row);
    if (Math.min(...row) > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
