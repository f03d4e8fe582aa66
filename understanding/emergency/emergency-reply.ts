import { screenEmergencyByRules } from './emergency-screen.js';
import { looksSpanish } from './emergency-text.js';

/** The replies to a clear emergency, each one SMS (GSM-7 characters only, <= 160). */
export const EMERGENCY_REPLIES = Object.freeze({
  en: 'This sounds like an emergency. Call 911 now. This service cannot send help.',
  enCrisis:
    'This sounds like an emergency. Call 911 now. You can also call or text 988, the Suicide & Crisis Lifeline, any time.',
  es: 'Esto parece una emergencia. Llame al 911 ahora. / This sounds like an emergency. Call 911 now.',
  esCrisis:
    'Esto parece una emergencia. Llame al 911 ahora. También puede llamar o enviar un texto al 988. / Call 911 now, or call or text 988.',
});

/** The line put before the answer to a possible emergency. */
export const POSSIBLE_EMERGENCY_LINES = Object.freeze({
  en: 'If anyone is in danger, call 911 now.',
  es: 'Si alguien está en peligro, llame al 911 ahora.',
});

/** The 911 reply for an emergency message: Spanish first when the message is Spanish; 988 for self-harm. */
export function emergencyReply(text: string): string {
  const crisis = screenEmergencyByRules(text).category === 'self-harm';
  if (looksSpanish(text)) return crisis ? EMERGENCY_REPLIES.esCrisis : EMERGENCY_REPLIES.es;
  return crisis ? EMERGENCY_REPLIES.enCrisis : EMERGENCY_REPLIES.en;
}

/** The 911 line for a possible emergency, in the message's language. */
export function possibleEmergencyLine(text: string): string {
  return looksSpanish(text) ? POSSIBLE_EMERGENCY_LINES.es : POSSIBLE_EMERGENCY_LINES.en;
}
