export * from './article-loader.js';
export * from './city-date.js';
export * from './city-holidays.js';
export * from './holiday-calendar.js';
export { removeInvisible } from './invisible-characters.js';
export * from './knowledge-error.js';
export { normalizeText } from './normalize.js';
export {
  createKnowledgeSearch,
  DEFAULT_TUNING,
  type KnowledgeSearchEngine,
  type SearchTuning,
} from './search-engine.js';
export * from './types.js';
