import { normalizeText } from './normalize.js';

/*
 * What kind of message a resident sent: a report of a problem ("mattress
 * dumped on Elm St") or a question ("how do I get rid of a mattress?"), and
 * which capitalised words in it are names of places or people.
 */

const QUESTION_START =
  /^(how|what|when|where|who|whom|which|why|whats|is|are|am|can|could|do|does|did|will|would|should|may|shall|have|has|any|tell|help|need|como|donde|cuando|que|quien|cual|puedo|hay)\b/;
const QUESTION_WORD =
  /\b(how|what|when|where|who|which|why|how do|can i|do i|is there|are there|como|donde|cuando)\b/;

/**
 * A short message that ends on a schedule word ("trash pickup day", "library
 * hours", "horario de la biblioteca") looks something up; it reports nothing.
 */
const LOOKUP =
  /^(\S+ ){0,3}(days?|schedules?|hours?|times?|dates?|calendar|dia|dias|horario|horarios|fecha|fechas)$/;
const LOOKUP_START = /^(dia|dias|horario|horarios|fecha|fechas|calendario)( de| del)? /;
/** Words that state a problem even in a short message ("trash skipped again today"). */
const PROBLEM =
  /\b(not|no|never|missed|skipped|still|again|broken|overflowing|left|stuck|blocked|dumped|late)\b/;

/** Capitalised words not at the start of a sentence, normalised (empty for text in capitals). */
export function properNames(message: string): Set<string> {
  const names = new Set<string>();
  const letters = message.replace(/[^A-Za-z]/g, '');
  const upper = message.replace(/[^A-Z]/g, '').length;
  if (letters.length === 0 || upper / letters.length > 0.5) return names;
  for (const match of message.matchAll(/\b[A-Z][a-z]+\b/g)) {
    const before = message.slice(0, match.index).trimEnd();
    if (before === '' || /[.!?:;]$/.test(before)) continue; // a sentence starts with a capital anyway
    names.add(normalizeText(match[0]));
  }
  return names;
}

/** Whether a message reads as a statement of a problem rather than a question. */
export function isReportStyle(message: string): boolean {
  if (message.includes('?')) return false;
  const normal = normalizeText(message);
  if (normal.split(' ').length < 3) return false; // "trash day" is a keyword search, not a report
  if (QUESTION_START.test(normal)) return false;
  if ((LOOKUP.test(normal) || LOOKUP_START.test(normal)) && !PROBLEM.test(normal)) return false;
  // Without a question mark, a question word past the first sentence is a relative clause
  // ("limbs hit the wires when there is wind"), not a question.
  const first = message.split(/[.!;\n]/, 1)[0] ?? '';
  return !QUESTION_WORD.test(normalizeText(first).split(' ').slice(0, 12).join(' '));
}
