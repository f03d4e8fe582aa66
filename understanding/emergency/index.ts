export type { EmergencyConcept, Tier as EmergencyTier } from './emergency-lexicon.js';
export {
  EMERGENCY_REPLIES,
  emergencyReply,
  POSSIBLE_EMERGENCY_LINES,
  possibleEmergencyLine,
} from './emergency-reply.js';
export {
  EMERGENCY_INDEX_STATS,
  type EmergencyScreenResult,
  lexiconWord,
  screenEmergencyByRules,
} from './emergency-screen.js';
export { screenEmergency } from './emergency-second-opinion.js';
export { looksSpanish } from './emergency-text.js';
