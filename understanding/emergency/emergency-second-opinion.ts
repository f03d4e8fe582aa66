import { secondOpinion } from './emergency-model.js';
import {
  type EmergencyScreenResult,
  isEnglish,
  readEmergencyText,
  saysNotAnEmergency,
  screenByRules,
} from './emergency-screen.js';

/**
 * The rule screen with the learned second opinion (emergency-model.ts): the rules first, and
 * their verdict stands whenever they find danger; where they find nothing (and the resident has
 * not said it is no emergency), a confident model adds the 911 line, never the full 911 reply.
 *
 * This is the screen the pipeline runs. Trained on the four development sets (threshold chosen
 * by cross-validation for at most 2% routine messages given the line), it raised the held-out
 * emergencies given at least the 911 line from 85.7% to 89.2%, with the routine messages given
 * the line unchanged (6.7%).
 */
export function screenEmergency(text: string): EmergencyScreenResult {
  const reading = readEmergencyText(text);
  const ruled = screenByRules(reading);
  if (ruled.tier !== 'none' || saysNotAnEmergency(reading)) return ruled;
  return secondOpinion(reading, isEnglish) ?? ruled;
}
