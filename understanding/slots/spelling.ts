import { doubleMetaphone } from 'double-metaphone';
import { JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import { FuzzyLexicon } from '../emergency/fuzzy-lexicon.js';
import { isDictionaryWord } from '../text/dictionary.js';
import { simplify } from './simplify.js';

/**
 * Spelling tolerance for the slot readers, restricted to the words a question
 * can be answered with (its choices' labels and the size and place words): a
 * word the reader does not know is read as the one vocabulary word it is a
 * typo of ("curbb" -> curb, "hudge" -> huge) or sounds like ("rite" -> right).
 *
 * - The Hunspell dictionaries (isDictionaryWord, the search's real-word check)
 *   say whether a word is real: a real word is never changed by an edit ("light" stays
 *   light, not right), only into a vocabulary word that sounds the same and
 *   starts alike (double-metaphone: "rite" -> right).
 * - Other words are looked up in the vocabulary's own index (one edit, or a
 *   sound-alike that looks alike: the emergency screen's FuzzyLexicon).
 *   nspell's own suggestions are not used: they took up to half a second for a
 *   word with no close match.
 */
const isEnglish = isDictionaryWord;

const primary = (word: string): string => doubleMetaphone(word)[0];

export class SlotSpeller {
  private readonly words: ReadonlySet<string>;
  private readonly lexicon: FuzzyLexicon;
  private readonly bySound = new Map<string, string[]>();

  constructor(vocabulary: Iterable<string>) {
    this.words = new Set([...vocabulary].filter((w) => /^[a-z]{3,}$/.test(w)));
    this.lexicon = new FuzzyLexicon(this.words);
    for (const word of this.words) {
      const code = primary(word);
      this.bySound.set(code, [...(this.bySound.get(code) ?? []), word]);
    }
  }

  /**
   * The vocabulary word `word` stands for, or the word itself. English words are
   * read as sound-alikes only with `english` (an answer to the question, not a
   * sentence that may say "fall" and mean it).
   */
  word(word: string, english = true): string {
    if (this.words.has(word) || word.length < 3 || !/^[a-z]+$/.test(word)) return word;
    if (!isEnglish(word)) return this.lexicon.lookup(word);
    if (!english || word.length < 4) return word;
    // Sounds the same and starts alike; between several ("right", "road"), the one that looks most alike.
    const alike = (this.bySound.get(primary(word)) ?? [])
      .filter((w) => w[0] === word[0])
      .map((w) => ({ w, score: JaroWinklerDistance(word, w, {}) }))
      .sort((a, b) => b.score - a.score);
    const [best, next] = alike;
    return best && best.score >= 0.7 && (!next || best.score - next.score >= 0.1) ? best.w : word;
  }

  /** The text simplified, each word read through the vocabulary ("rite lane" -> "right lane"). */
  text(text: string, english = true): string {
    return simplify(text)
      .split(' ')
      .map((w) => this.word(w, english))
      .join(' ');
  }
}
