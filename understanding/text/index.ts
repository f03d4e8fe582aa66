/** Text: a resident's message in the plain form every reader of it works on. */
export { isDictionaryWord } from './dictionary.js';
export { removeInvisible } from './invisible-characters.js';
export {
  type Language,
  type LanguageDetector,
  languageByWords,
  languageOf,
  loadLanguageDetector,
} from './language.js';
export { isReportStyle, properNames } from './message-style.js';
export { normalizeText, words } from './normalize.js';
export { spellOut, TEXT_SPEAK } from './text-speak.js';
