/**
 * Calendar dates in the city's time zone. Holidays, business days and
 * collection days are days of the city's calendar, not instants: a request
 * filed at 11 PM on Friday in Philadelphia was filed on Friday, whatever the
 * server's time zone. Dates are ISO strings (YYYY-MM-DD) so they compare and
 * print without surprises.
 */

/** The city's time zone (the sample configuration is Philadelphia). */
export const CITY_TIME_ZONE = 'America/New_York';

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** 0 = Sunday ... 6 = Saturday, as `Date.getUTCDay`. */
export type WeekdayNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export const WEEKDAY_NAMES_ES = [
  'domingo',
  'lunes',
  'martes',
  'miércoles',
  'jueves',
  'viernes',
  'sábado',
] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const MONTH_NAMES_ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function formattedWallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The offset as the formatter computes it (whole seconds: the formatter drops milliseconds). */
function formattedOffset(at: Date, timeZone: string): number {
  const w = formattedWallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at.getTime() - at.getUTCMilliseconds());
}

const HOUR_MS = 60 * 60 * 1000;
/** Hours remembered per time zone: about half a year of distinct hours. */
const MAX_CACHED_HOURS = 4096;
const hourOffsets = new Map<string, Map<number, number>>();

/**
 * Offset of the time zone from UTC at an instant, in ms (New York: -4 h or -5 h).
 * Formatting is slow (it was most of a holiday answer's CPU time), so the
 * offset is kept per UTC hour when it is the same at the start of that hour
 * and of the next: a zone changes its offset at most once in an hour, so it
 * then holds for the whole hour. An hour with a change is formatted each time.
 */
function offsetAt(at: Date, timeZone: string): number {
  const hour = Math.floor(at.getTime() / HOUR_MS);
  let hours = hourOffsets.get(timeZone);
  const known = hours?.get(hour);
  if (known !== undefined) return known;
  const start = formattedOffset(new Date(hour * HOUR_MS), timeZone);
  if (start !== formattedOffset(new Date((hour + 1) * HOUR_MS), timeZone))
    return formattedOffset(at, timeZone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(timeZone, hours);
  }
  if (hours.size >= MAX_CACHED_HOURS) hours.clear();
  hours.set(hour, start);
  return start;
}

/** The wall clock in the time zone at an instant (to the second). */
/** Offset of the time zone from UTC at an instant, in whole minutes (chrono-node's reference). */
export function zoneOffsetMinutes(at: Date, timeZone: string = CITY_TIME_ZONE): number {
  return Math.round(offsetAt(at, timeZone) / 60_000);
}

function wallClock(at: Date, timeZone: string): WallClock {
  const local = new Date(at.getTime() + offsetAt(at, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return match !== null && isoDate(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}

function utcOf(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The city's calendar date at an instant (an IsoDate passes through unchanged). */
export function cityDateOf(at: Date | IsoDate, timeZone: string = CITY_TIME_ZONE): IsoDate {
  if (typeof at === 'string') {
    utcOf(at);
    return at;
  }
  const w = wallClock(at, timeZone);
  return isoDate(w.year, w.month, w.day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: IsoDate): WeekdayNumber {
  return new Date(utcOf(date)).getUTCDay() as WeekdayNumber;
}

export function isWeekend(date: IsoDate): boolean {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
}

/** The Monday of the (Monday to Sunday) week containing `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/**
 * The instant that shows the same wall-clock time as `at`, `days` calendar
 * days later in the city (so a 10 AM request is due at 10 AM, across DST).
 */
export function shiftCityDays(at: Date, days: number, timeZone: string = CITY_TIME_ZONE): Date {
  const candidate = new Date(at.getTime() + days * DAY_MS);
  return new Date(candidate.getTime() - (offsetAt(candidate, timeZone) - offsetAt(at, timeZone)));
}

/** Noon in the city on a calendar date, as an instant (a safe Date for a date-only value). */
export function cityNoon(date: IsoDate, timeZone: string = CITY_TIME_ZONE): Date {
  const guess = new Date(utcOf(date) + 12 * 60 * 60 * 1000);
  return new Date(guess.getTime() - offsetAt(guess, timeZone));
}

/** "Monday, May 25" (English) or "lunes 25 de mayo" (Spanish). */
export function formatDay(date: IsoDate, language: 'en' | 'es' = 'en'): string {
  const d = new Date(utcOf(date));
  const weekday = d.getUTCDay();
  if (language === 'es') {
    return `${WEEKDAY_NAMES_ES[weekday]} ${d.getUTCDate()} de ${MONTH_NAMES_ES[d.getUTCMonth()]}`;
  }
  return `${WEEKDAY_NAMES[weekday]}, ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** "May 25" / "25 de mayo". */
export function formatMonthDay(date: IsoDate, language: 'en' | 'es' = 'en'): string {
  const d = new Date(utcOf(date));
  if (language === 'es') return `${d.getUTCDate()} de ${MONTH_NAMES_ES[d.getUTCMonth()]}`;
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}`;
}
