import { looksSpanish, normalizeForScreen } from './emergency-normalize.js';
import { EMERGENCY_SIGNALS, type EmergencyCategory, ROUTINE_PHRASES } from './emergency-patterns.js';

export { looksSpanish, normalizeForScreen } from './emergency-normalize.js';

/**
 * The emergency screen runs before anything else on every message: a message
 * that describes an emergency gets the 911 reply and nothing else. Pure and
 * fast (regular expressions over the normalised text, no I/O).
 */
export interface EmergencyScreenResult {
  readonly emergency: boolean;
  /** The signal that matched, for logs and the staff console (never shown to residents). */
  readonly reason?: string;
  readonly category?: EmergencyCategory;
}

const NOT_AN_EMERGENCY: EmergencyScreenResult = Object.freeze({ emergency: false });

/** Self-harm signals are tried first so a crisis always gets the 988 line too. */
const ORDERED_SIGNALS = [
  ...EMERGENCY_SIGNALS.filter((signal) => signal.category === 'self-harm'),
  ...EMERGENCY_SIGNALS.filter((signal) => signal.category !== 'self-harm'),
];

function isExcluded(unless: RegExp | readonly RegExp[] | undefined, text: string): boolean {
  if (unless === undefined) return false;
  if (unless instanceof RegExp) return unless.test(text);
  return unless.some((pattern) => pattern.test(text));
}

/** Routine phrases are blanked out so they cannot read as signals. */
function withoutRoutinePhrases(normalized: string): string {
  let text = normalized;
  for (const phrase of ROUTINE_PHRASES) text = text.replace(phrase, ' _ ');
  return text;
}

/** A negation within the two words before a match: "there is no smoke", "no one was hurt". */
const NEGATED_BEFORE = /(?:^| )(?:no|not|never|nobody|without|nadie|sin|ni|nunca|no one)(?: \w+)?$/;

function negatedAt(text: string, index: number): boolean {
  return NEGATED_BEFORE.test(text.slice(Math.max(0, index - 40), index).trimEnd());
}

/** First match of `pattern` in `text` that is not negated. */
function affirmedMatch(text: string, pattern: RegExp): boolean {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const match of text.matchAll(global)) {
    if (!negatedAt(text, match.index)) return true;
  }
  return false;
}

/** Decides whether a message describes an emergency, naming the signal that matched. */
export function screenEmergency(text: string): EmergencyScreenResult {
  if (text.trim() === '') return NOT_AN_EMERGENCY;
  const normalized = normalizeForScreen(text);
  const screened = withoutRoutinePhrases(normalized);
  for (const signal of ORDERED_SIGNALS) {
    if (!signal.pattern.test(screened)) continue;
    if (signal.requires && !signal.requires.test(screened)) continue;
    if (isExcluded(signal.unless, normalized)) continue;
    if (!affirmedMatch(screened, signal.pattern)) continue;
    return { emergency: true, reason: signal.reason, category: signal.category };
  }
  return NOT_AN_EMERGENCY;
}

/** The replies, each one SMS (GSM-7 characters only, <= 160). */
export const EMERGENCY_REPLIES = Object.freeze({
  en: 'This sounds like an emergency. Call 911 now. This service cannot send help.',
  enCrisis:
    'This sounds like an emergency. Call 911 now. You can also call or text 988, the Suicide & Crisis Lifeline, any time.',
  es: 'Esto parece una emergencia. Llame al 911 ahora. / This sounds like an emergency. Call 911 now.',
  esCrisis:
    'Esto parece una emergencia. Llame al 911 ahora. También puede llamar o enviar un texto al 988. / Call 911 now, or call or text 988.',
});

/** The 911 reply for an emergency message: Spanish first when the message is Spanish; 988 for self-harm. */
export function emergencyReply(text: string): string {
  const crisis = screenEmergency(text).category === 'self-harm';
  if (looksSpanish(text)) return crisis ? EMERGENCY_REPLIES.esCrisis : EMERGENCY_REPLIES.es;
  return crisis ? EMERGENCY_REPLIES.enCrisis : EMERGENCY_REPLIES.en;
}
