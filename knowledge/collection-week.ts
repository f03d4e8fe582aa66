import {
  addDays,
  cityDateOf,
  daysBetween,
  formatDay,
  formatMonthDay,
  type IsoDate,
  mondayOf,
  WEEKDAY_NAMES,
  WEEKDAY_NAMES_ES,
  weekdayOf,
} from './city-date.js';
import type { Holiday, HolidayCalendar } from './holiday-calendar.js';

/**
 * The trash holiday rule, as the city states it: no collection on a city
 * holiday that falls on a weekday; every later route of that week runs one
 * day behind (a Monday holiday moves Wednesday's route to Thursday, Friday's
 * to Saturday); the next week is normal; a weekend holiday changes nothing;
 * Election Day is not a holiday. Two holidays in one week (Thanksgiving and
 * the day after) push the later routes two days.
 */

export type RouteDay = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';
export const ROUTE_DAYS: readonly RouteDay[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

export interface RouteCollection {
  readonly routeDay: RouteDay;
  /** The route's normal day that week. */
  readonly normalDate: IsoDate;
  /** The day it is collected that week. */
  readonly collectedOn: IsoDate;
}

export interface CollectionWeek {
  /** Monday of the week. */
  readonly weekOf: IsoDate;
  /** Holidays that stop collection that week (weekdays only). */
  readonly holidays: readonly Holiday[];
  /** Holidays that fall on that week's weekend (they change nothing). */
  readonly weekendHolidays: readonly Holiday[];
  /** Election Day, when it falls that week (it changes nothing). */
  readonly electionDay?: IsoDate;
  readonly routes: readonly RouteCollection[];
}

/** First Tuesday after the first Monday of November. */
function electionDayOf(year: number): IsoDate {
  const novFirst = `${year}-11-01`;
  const firstMonday = addDays(novFirst, (1 - weekdayOf(novFirst) + 7) % 7);
  return addDays(firstMonday, 1);
}

/** How collection runs in the week (Monday to Sunday) containing `date`. */
export function collectionWeek(date: Date | IsoDate, calendar: HolidayCalendar): CollectionWeek {
  const weekOf = mondayOf(cityDateOf(date));
  const holidays: Holiday[] = [];
  for (let i = 0; i < 5; i += 1) {
    const holiday = calendar.collectionHolidayOn(addDays(weekOf, i));
    if (holiday && !holidays.includes(holiday)) holidays.push(holiday);
  }
  const weekendHolidays: Holiday[] = [];
  for (const day of [addDays(weekOf, 5), addDays(weekOf, 6)]) {
    const holiday = calendar.holidayOn(day);
    if (holiday && holiday.date === day) weekendHolidays.push(holiday);
  }
  const routes: RouteCollection[] = [];
  let previous: IsoDate | undefined;
  ROUTE_DAYS.forEach((routeDay, index) => {
    const normalDate = addDays(weekOf, index);
    let day = previous !== undefined && previous >= normalDate ? addDays(previous, 1) : normalDate;
    while (calendar.collectionHolidayOn(day)) day = addDays(day, 1);
    routes.push({ routeDay, normalDate, collectedOn: day });
    previous = day;
  });
  const election = electionDayOf(Number(weekOf.slice(0, 4)));
  const inWeek = daysBetween(weekOf, election) >= 0 && daysBetween(weekOf, election) < 7;
  return { weekOf, holidays, weekendHolidays, routes, ...(inWeek ? { electionDay: election } : {}) };
}

/**
 * The day whose week a resident means when they name none ("is trash late this
 * week?"): today, except on a Sunday with no collection, when the coming week
 * is the one that matters.
 */
export function dayInQuestion(now: Date | IsoDate, calendar: HolidayCalendar): IsoDate {
  const today = cityDateOf(now);
  if (weekdayOf(today) !== 0) return today;
  const collectingToday = collectionWeek(today, calendar).routes.some((r) => r.collectedOn === today);
  return collectingToday ? today : addDays(today, 1);
}

/** The day a route (normal collection day) is collected in the week containing `date`. */
export function collectionDayFor(
  routeDay: RouteDay,
  date: Date | IsoDate,
  calendar: HolidayCalendar,
): IsoDate {
  const route = collectionWeek(date, calendar).routes.find((r) => r.routeDay === routeDay);
  if (!route) throw new RangeError(`not a collection day: ${routeDay}`);
  return route.collectedOn;
}

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function describeEnglish(week: CollectionWeek): string {
  const election = week.electionDay ? ' Election Day is not a collection holiday.' : '';
  if (week.holidays.length === 0) {
    const weekend = week.weekendHolidays[0];
    if (weekend) {
      return `${formatDay(weekend.date)} is ${weekend.name}, on a weekend, so nothing changes: collection is on your normal day the week of ${formatMonthDay(week.weekOf)}.${election}`;
    }
    return `No city holiday the week of ${formatMonthDay(week.weekOf)}: collection is on your normal day.${election}`;
  }
  const named = joinList(
    week.holidays.map((h) => `${formatDay(h.date)} is ${h.name}`),
    'and',
  );
  const moved = week.routes.filter((r) => r.collectedOn !== r.normalDate);
  const unchanged = week.routes
    .filter((r) => r.collectedOn === r.normalDate)
    .map((r) => WEEKDAY_NAMES[weekdayOf(r.normalDate)]);
  const noCollection = week.holidays.length === 1 ? 'no collection that day' : 'no collection those days';
  const lateBy = new Set(moved.map((r) => daysBetween(r.normalDate, r.collectedOn)));
  const days = lateBy.size === 1 ? [...lateBy][0] : undefined;
  const howLate = days === 1 ? 'one day late' : days === 2 ? 'two days late' : 'late';
  const list = moved.map((r, i) => {
    const from = WEEKDAY_NAMES[weekdayOf(r.normalDate)];
    const to = WEEKDAY_NAMES[weekdayOf(r.collectedOn)];
    return i === 0 ? `${from}'s route on ${to}` : `${from}'s on ${to}`;
  });
  const asUsual =
    unchanged.length > 0
      ? ` ${joinList(unchanged, 'and')} ${unchanged.length === 1 ? 'is' : 'are'} collected as usual.`
      : '';
  return `${named}: ${noCollection}, and collection runs ${howLate} for the rest of that week (${list.join(', ')}).${asUsual} The next week is back to normal.${election}`;
}

function describeSpanish(week: CollectionWeek): string {
  const election = week.electionDay ? ' El Día de Elecciones no es feriado de recolección.' : '';
  if (week.holidays.length === 0) {
    const weekend = week.weekendHolidays[0];
    if (weekend) {
      return `El ${formatDay(weekend.date, 'es')} es ${weekend.nameEs}, en fin de semana, así que nada cambia: la recolección es en su día normal la semana del ${formatMonthDay(week.weekOf, 'es')}.${election}`;
    }
    return `No hay feriado de la ciudad la semana del ${formatMonthDay(week.weekOf, 'es')}: la recolección es en su día normal.${election}`;
  }
  const named = joinList(
    week.holidays.map((h) => `el ${formatDay(h.date, 'es')} es ${h.nameEs}`),
    'y',
  );
  const moved = week.routes.filter((r) => r.collectedOn !== r.normalDate);
  const list = moved.map(
    (r) =>
      `la ruta del ${WEEKDAY_NAMES_ES[weekdayOf(r.normalDate)]} pasa el ${WEEKDAY_NAMES_ES[weekdayOf(r.collectedOn)]}`,
  );
  const noCollection = week.holidays.length === 1 ? 'ese día' : 'esos días';
  const sentence = `${named}: no hay recolección ${noCollection} y la recolección va atrasada el resto de la semana (${list.join(', ')}). La semana siguiente es normal.${election}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The sentence the bot gives for "is trash late this week?" about the week
 * containing `date`, e.g. "Monday, May 25 is Memorial Day: no collection that
 * day, and collection runs one day late for the rest of that week (Monday's
 * route on Tuesday, ... Friday's on Saturday). The next week is back to normal."
 */
export function describeCollectionWeek(
  date: Date | IsoDate,
  calendar: HolidayCalendar,
  language: 'en' | 'es' = 'en',
): string {
  const week = collectionWeek(date, calendar);
  return language === 'es' ? describeSpanish(week) : describeEnglish(week);
}

/** "City holidays in 2026: New Year's Day (Thursday, January 1), ...", for "which holidays change collection?" */
export function describeHolidays(
  year: number,
  calendar: HolidayCalendar,
  language: 'en' | 'es' = 'en',
): string {
  const items = calendar
    .holidaysIn(year)
    .map((h) => `${language === 'es' ? h.nameEs : h.name} (${formatDay(h.date, language)})`);
  if (language === 'es') {
    return `Feriados de la ciudad en ${year}: ${joinList(items, 'y')}. Si uno cae en fin de semana, la recolección no cambia.`;
  }
  return `City holidays in ${year}: ${joinList(items, 'and')}. One on a weekend does not change collection.`;
}
