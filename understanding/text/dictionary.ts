import { BloomFilter } from './bloom-filter.js';
import { DICTIONARY_WORDS } from './dictionary-words.generated.js';

/**
 * Real words of English and Spanish (Hunspell's dictionary-en and dictionary-es,
 * built into a Bloom filter by scripts/build-lexicon.ts). The spelling corrector
 * asks it whether an unknown word is a typo ("trsh", "apartmint") or a real word
 * the knowledge base simply does not use ("heart", "beer", "movies"): a real word
 * is never "corrected" into a service word, and it says the message may be about
 * something the bot does not cover. About 1 word in 200 that is not a word is
 * taken for one.
 */
let filter: BloomFilter | undefined;

/** Whether `word` (lower case, no accents) is an English or Spanish word. */
export function isDictionaryWord(word: string): boolean {
  filter ??= new BloomFilter(
    DICTIONARY_WORDS.bits,
    DICTIONARY_WORDS.hashes,
    Buffer.from(DICTIONARY_WORDS.base64, 'base64'),
  );
  if (filter.has(word)) return true;
  // Spanish stems only: "farolas" -> "farola", "luces" -> "luce" / "luz" is not derived.
  if (word.length > 4 && word.endsWith('s') && filter.has(word.slice(0, -1))) return true;
  return word.length > 5 && word.endsWith('es') && filter.has(word.slice(0, -2));
}
