import { addDays, cityDateOf, type IsoDate, isWeekend, shiftCityDays } from './city-date.js';
import type { HolidayCalendar } from './holiday-calendar.js';

/** A weekday on which city offices are open (not a weekend, not a city holiday or its observed day). */
export function isBusinessDay(date: Date | IsoDate, calendar: HolidayCalendar): boolean {
  const day = cityDateOf(date);
  return !isWeekend(day) && !calendar.isHoliday(day);
}

/** The first business day after `date` (a calendar date). */
export function nextBusinessDay(date: Date | IsoDate, calendar: HolidayCalendar): IsoDate {
  let day = addDays(cityDateOf(date), 1);
  while (!isBusinessDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/**
 * The instant `n` business days after `from`, at the same wall-clock time in
 * the city: a pothole reported on the Friday before Memorial Day at 10 AM
 * (3 business days) is expected Thursday at 10 AM. Counting starts the day
 * after `from`, so a request filed on a Saturday and due in 1 business day is
 * due Monday. A negative `n` counts backwards; `n` must be a whole number.
 */
export function addBusinessDays(from: Date, n: number, calendar: HolidayCalendar): Date {
  if (!Number.isInteger(n)) throw new RangeError(`business days must be a whole number, got ${n}`);
  if (Number.isNaN(from.getTime())) throw new RangeError('addBusinessDays needs a valid date');
  const step = n < 0 ? -1 : 1;
  const start = cityDateOf(from);
  let day = start;
  let counted = 0;
  let moved = 0;
  while (counted < Math.abs(n)) {
    day = addDays(day, step);
    moved += step;
    if (isBusinessDay(day, calendar)) counted += 1;
  }
  return shiftCityDays(from, moved);
}
