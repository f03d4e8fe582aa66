/** Topic search over the knowledge base: ranked candidates with scores and the field that matched. */
export {
  createKnowledgeSearch,
  DEFAULT_TUNING,
  type KnowledgeSearchEngine,
  type SearchTuning,
} from './search-engine.js';
