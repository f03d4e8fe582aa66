import {
  addDays,
  cityDateOf,
  daysBetween,
  formatDay,
  type IsoDate,
  mondayOf,
  WEEKDAY_NAMES,
  weekdayOf,
} from '../knowledge/city-date.js';
import { collectionWeek, type HolidayCalendar, type RouteDay } from '../knowledge/holiday-calendar.js';

/**
 * The next collection for a route day, by the city's holiday rule
 * (knowledge/collection-week.ts): this week's collection when it is still to
 * come (today included), else next week's.
 */
export interface NextPickup {
  readonly date: IsoDate;
  /** Days behind the route's normal day (a holiday earlier that week). */
  readonly daysLate: number;
  /** The holidays that moved it. */
  readonly holidays: readonly string[];
  readonly when: 'this week' | 'next week';
}

export function nextPickup(routeDay: RouteDay, now: Date, calendar: HolidayCalendar): NextPickup {
  const today = cityDateOf(now);
  for (const [offset, when] of [
    [0, 'this week'],
    [7, 'next week'],
  ] as const) {
    const week = collectionWeek(addDays(mondayOf(today), offset), calendar);
    const route = week.routes.find((r) => r.routeDay === routeDay)!;
    if (route.collectedOn >= today) {
      return {
        date: route.collectedOn,
        daysLate: daysBetween(route.normalDate, route.collectedOn),
        holidays: week.holidays.map((h) => h.name),
        when,
      };
    }
  }
  throw new RangeError('no collection in two weeks');
}

const LATE = ['', 'one day late', 'two days late', 'three days late'];

const dayName = (routeDay: RouteDay): string => routeDay.charAt(0).toUpperCase() + routeDay.slice(1);

/**
 * "Your trash and recycling day at 1234 Spruce St is Wednesday. Next pickup:
 * Thursday, January 22 (one day late this week because of Martin Luther King
 * Jr. Day)."
 */
export function trashDayText(
  address: string,
  routeDay: RouteDay,
  now: Date,
  calendar: HolidayCalendar,
): string {
  const next = nextPickup(routeDay, now, calendar);
  const today = cityDateOf(now);
  const on = next.date === today ? `today, ${formatDay(next.date)}` : formatDay(next.date);
  const because =
    next.daysLate > 0
      ? ` (${LATE[next.daysLate] ?? 'late'} ${next.when} because of ${next.holidays.join(' and ')})`
      : '';
  const weekday = WEEKDAY_NAMES[weekdayOf(next.date)];
  const setOut = ` Set it out after ${setOutHour(next.date)} the night before and by 7 AM on ${weekday}.`;
  return `Your trash and recycling day at ${address} is ${dayName(routeDay)}. Next pickup: ${on}${because}.${setOut}`;
}

/** The city's set-out rule: from 7 PM the night before April-September, from 5 PM October-March. */
function setOutHour(date: IsoDate): string {
  const month = Number(date.slice(5, 7));
  return month >= 4 && month <= 9 ? '7 PM' : '5 PM';
}
