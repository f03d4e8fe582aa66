import type { KnowledgeSearch, SearchResult } from '../knowledge/types.js';
import { type Language, type LanguageDetector, languageOf } from './text/language.js';
import { normalizeText } from './text/normalize.js';

/** What the understanding layer reads from one message. */
export interface Understanding {
  /** The message cleaned: lower case, no accents, punctuation or emoji, text-speak spelled out. */
  readonly text: string;
  readonly language: Language;
  /** The words of `text`. */
  readonly words: readonly string[];
  /** The knowledge search's ranked topic candidates and its outcome. */
  readonly topics: SearchResult;
}

export interface UnderstandDeps {
  readonly search: KnowledgeSearch;
  /** eld (loadLanguageDetector); without it the function words decide the language. */
  readonly detector?: LanguageDetector;
}

/** The one entry point from a resident's text to what the dialogs need. */
export function understand(message: string, deps: UnderstandDeps): Understanding {
  const text = normalizeText(message);
  return {
    text,
    language: languageOf(message, deps.detector),
    words: text === '' ? [] : text.split(' '),
    topics: deps.search.search(message),
  };
}
