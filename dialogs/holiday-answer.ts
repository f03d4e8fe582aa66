import { cityDateOf } from '../knowledge/city-date.js';
import {
  dateMeant,
  dayInQuestion,
  describeCollectionWeek,
  describeHolidays,
  type HolidayCalendar,
} from '../knowledge/holiday-calendar.js';
import type { TopicId } from '../knowledge/types.js';

/** A date-specific addition to a topic's stored answer, or undefined for none. */
export type AnswerExtra = (topic: TopicId, question: string) => string | undefined;

const HOLIDAY_TOPIC = 'trash-holiday-schedule' as TopicId;
const TRASH_TOPICS: ReadonlySet<string> = new Set(['trash-collection-day', 'missed-collection']);
/** A trash question about this week's timing: "is trash late this week", "delayed", a holiday name. */
const ABOUT_TIMING =
  /\b(late|delay(ed)?|behind|holiday|this week|next week|tomorrow|today|festivo|feriado|atrasad[oa]|esta semana|manana|hoy)\b/i;
/** "Which holidays?", "what are the city holidays", "¿cuáles son los feriados?" */
const ASKS_WHICH =
  /\b(?:which|what|list of|list the|all the|cuales|que) (?:(?:are|is) )?(?:the )?(?:city |observed )?(?:holidays|feriados|dias festivos)\b|\bholiday (?:list|calendar)\b/i;
const SPANISH = /\b(basura|reciclaje|recogen|recoleccion|semana|feriado|festivo|pasan|navidad|el|la|los)\b/i;

/**
 * The holiday sentence for the week the resident means, appended to the
 * holiday-schedule answer (and to a trash-day answer when the question is about
 * lateness): "Monday, May 25 is Memorial Day: no collection that day, ...".
 * The week is the one named in the question ("the Monday after Memorial Day",
 * "thanksgiving week") or else the current week, by the injected clock.
 */
export function holidayAnswerExtra(calendar: HolidayCalendar, clock: () => Date): AnswerExtra {
  return (topic, question) => {
    const asked = topic === HOLIDAY_TOPIC || (TRASH_TOPICS.has(topic) && ABOUT_TIMING.test(question));
    if (!asked) return undefined;
    const now = clock();
    const date = dateMeant(question, now, calendar) ?? dayInQuestion(now, calendar);
    const plain = question.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const language = (plain.match(new RegExp(SPANISH.source, 'gi')) ?? []).length >= 2 ? 'es' : 'en';
    const week = describeCollectionWeek(date, calendar, language);
    if (!ASKS_WHICH.test(plain)) return week;
    return `${describeHolidays(Number(cityDateOf(date).slice(0, 4)), calendar, language)}\n\n${week}`;
  };
}
