import { doubleMetaphone } from 'double-metaphone';
import { DamerauLevenshteinDistance, JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';

/**
 * Typo- and sound-alike-tolerant lookup of a resident's word in a closed
 * vocabulary (the emergency lexicons), built once at start-up:
 *
 *  - exact words are found in a map;
 *  - a word one edit away ("fier", "bulding", "breathin", "wier") is found
 *    through a deletion index (every vocabulary word with one letter removed),
 *    then confirmed with natural's Damerau-Levenshtein distance;
 *  - a word that sounds the same ("dauter", "fiyer", "smok") is found through
 *    its double-metaphone code, then confirmed with natural's Jaro-Winkler
 *    similarity, so sound-alikes further apart in spelling still match.
 *
 * Words that are themselves words of the language ("hire", "tires",
 * "bedding", "sun") are never corrected: `known` holds them (a Hunspell
 * dictionary's words), with plural and tense endings taken off. Results are
 * cached per word, so a message costs a few map lookups.
 */
export interface FuzzyLexiconOptions {
  /** Words that must be read as they are (a dictionary), never corrected into a vocabulary word. */
  readonly known?: ReadonlySet<string>;
  /** English words, known also with a plural or tense ending ("tires", "hired", "cops"). */
  readonly stems?: ReadonlySet<string>;
  /** Shortest word that may be corrected (default 3; three-letter words only to a sound-alike). */
  readonly minLength?: number;
  /** Most words remembered between messages (default 20,000). */
  readonly cacheSize?: number;
}

const deletions = (word: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
};

const primaryCode = (word: string): string => doubleMetaphone(word)[0];

/** Endings taken off a word to find it among the known ones. */
const ENDINGS = ['s', 'es', 'ed', 'ing', 'er', 'ers', 'ly'];

export class FuzzyLexicon {
  private readonly words: ReadonlySet<string>;
  private readonly known: ReadonlySet<string>;
  private readonly stems: ReadonlySet<string>;
  private readonly byDeletion = new Map<string, string[]>();
  private readonly bySound = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();
  private readonly minLength: number;
  private readonly cacheSize: number;

  constructor(vocabulary: Iterable<string>, options: FuzzyLexiconOptions = {}) {
    this.words = new Set(vocabulary);
    this.known = options.known ?? new Set();
    this.stems = options.stems ?? new Set();
    this.minLength = options.minLength ?? 3;
    this.cacheSize = options.cacheSize ?? 20_000;
    for (const word of this.words) {
      if (word.length < this.minLength - 1 || /\d/.test(word)) continue;
      for (const key of [word, ...deletions(word)]) push(this.byDeletion, key, word);
      push(this.bySound, primaryCode(word), word);
    }
  }

  get size(): number {
    return this.words.size;
  }

  /** A known word, or an English one with a plural or tense ending ("tires", "hired", "stopped"). */
  private isKnown(word: string): boolean {
    if (this.known.has(word) || this.stems.has(word)) return true;
    for (const ending of ENDINGS) {
      if (!word.endsWith(ending)) continue;
      const stem = word.slice(0, -ending.length);
      if (stem.length < 3) continue;
      if (this.stems.has(stem) || (ending !== 's' && this.stems.has(`${stem}e`))) return true;
      // "stopped", "dragging": the doubled consonant belongs to the ending.
      if (stem.at(-1) === stem.at(-2) && this.stems.has(stem.slice(0, -1))) return true;
    }
    return false;
  }

  /** The vocabulary word `word` stands for, or `word` itself when none is close enough. */
  lookup(word: string): string {
    if (this.words.has(word) || this.isKnown(word)) return word;
    if (word.length < this.minLength || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const found = this.correct(word) ?? word;
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  private correct(word: string): string | undefined {
    const short = word.length < 4;
    const sounds = doubleMetaphone(word);
    const soundsAlike = (candidate: string): boolean => {
      const [primary, secondary] = doubleMetaphone(candidate);
      return primary === sounds[0] || primary === sounds[1] || secondary === sounds[0];
    };
    let best: string | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    const consider = (candidate: string, limit: number): void => {
      const distance = DamerauLevenshteinDistance(word, candidate, { restricted: true });
      if (distance > limit) return;
      const alike = soundsAlike(candidate);
      // A three-letter word must sound the same ("fel" -> "fell", not "fed" -> "fee").
      if (short && !alike) return;
      // Sounding alike is worth more than an edit: "fiyer" is "fire" (two edits), not "fiber" (one).
      const score = distance - (alike ? 1.5 : 0) - JaroWinklerDistance(word, candidate, {}) / 10;
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    };
    // One edit away: the word or one of its deletions is a vocabulary word or one of theirs.
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of this.byDeletion.get(key) ?? []) consider(candidate, 1);
    }
    if (short) return best;
    // A word one letter away from a word of the language ("noisey": "noisy") is that word misspelt, not
    // ours - unless it closely resembles ours too ("dauter": "daughter", not "dater").
    const misspeltOther = deletions(word).some((key) => this.known.has(key) || this.stems.has(key));
    // Sounds the same and looks alike: two edits at most, and a close Jaro-Winkler score.
    for (const code of new Set(sounds)) {
      for (const candidate of this.bySound.get(code) ?? []) {
        const resemblance = JaroWinklerDistance(word, candidate, {});
        if (resemblance >= (misspeltOther ? 0.9 : 0.75)) consider(candidate, word.length >= 5 ? 2 : 1);
      }
    }
    return best;
  }
}

function push(map: Map<string, string[]>, key: string, word: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [word]);
  else if (!list.includes(word)) list.push(word);
}
