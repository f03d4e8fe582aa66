import { addDays, cityDateOf, type IsoDate, isoDate, isWeekend, weekdayOf, yearOf } from './city-date.js';
import { CITY_HOLIDAYS, type HolidayDefinition, type HolidayId, type HolidayRule } from './city-holidays.js';

export { addBusinessDays, isBusinessDay, nextBusinessDay } from './business-days.js';
export {
  type CollectionWeek,
  collectionDayFor,
  collectionWeek,
  dayInQuestion,
  describeCollectionWeek,
  describeHolidays,
  ROUTE_DAYS,
  type RouteCollection,
  type RouteDay,
} from './collection-week.js';
export { dateMeant } from './date-meant.js';

/** One holiday in one year. */
export interface Holiday {
  readonly id: HolidayId;
  readonly name: string;
  readonly nameEs: string;
  /** The day itself (may be a Saturday or Sunday). */
  readonly date: IsoDate;
  /** The weekday city offices close: Friday before a Saturday holiday, Monday after a Sunday one. */
  readonly observed: IsoDate;
}

/**
 * City holidays, computed by rule for any year. Dates may be given as
 * instants (read in the city's time zone) or as "YYYY-MM-DD".
 */
export interface HolidayCalendar {
  /** The holiday on this day, whether the day itself or its observed weekday. */
  holidayOn(date: Date | IsoDate): Holiday | undefined;
  /** True when city offices are closed for a holiday (business days skip it). */
  isHoliday(date: Date | IsoDate): boolean;
  /** The holiday that stops trash collection on this day: a holiday on a weekday, never a weekend one. */
  collectionHolidayOn(date: Date | IsoDate): Holiday | undefined;
  /** The year's holidays in date order. */
  holidaysIn(year: number): readonly Holiday[];
  /** The holiday with this id in a year, if the city observed it that year. */
  holiday(id: HolidayId, year: number): Holiday | undefined;
  /** The definitions (names, aliases) the calendar was built from. */
  readonly definitions: readonly HolidayDefinition[];
}

export interface HolidayCalendarOptions {
  /** Defaults to CITY_HOLIDAYS (knowledge/city-holidays.ts). */
  readonly holidays?: readonly HolidayDefinition[];
  /**
   * Whether a weekend holiday's observed weekday also stops collection.
   * Philadelphia: no ("holidays on a weekend change nothing"), the default.
   */
  readonly weekendHolidaysMoveCollection?: boolean;
}

function ruleDate(
  rule: HolidayRule,
  year: number,
  dates: ReadonlyMap<HolidayId, IsoDate>,
): IsoDate | undefined {
  switch (rule.kind) {
    case 'fixed':
      return isoDate(year, rule.month, rule.day);
    case 'nth-weekday': {
      if (rule.nth > 0) {
        const first = isoDate(year, rule.month, 1);
        const offset = (rule.weekday - weekdayOf(first) + 7) % 7;
        return addDays(first, offset + (rule.nth - 1) * 7);
      }
      const last = addDays(isoDate(year, rule.month + 1, 1), -1);
      const back = (weekdayOf(last) - rule.weekday + 7) % 7;
      return addDays(last, -back + (rule.nth + 1) * 7);
    }
    case 'after': {
      const base = dates.get(rule.holiday);
      return base === undefined ? undefined : addDays(base, rule.days);
    }
    default: {
      const unknown: never = rule;
      throw new TypeError(`unknown holiday rule ${JSON.stringify(unknown)}`);
    }
  }
}

function observedDate(date: IsoDate): IsoDate {
  const day = weekdayOf(date);
  if (day === 6) return addDays(date, -1);
  if (day === 0) return addDays(date, 1);
  return date;
}

/** Builds the calendar; years are computed on first use and kept. */
export function createHolidayCalendar(options: HolidayCalendarOptions = {}): HolidayCalendar {
  const definitions = options.holidays ?? CITY_HOLIDAYS;
  const weekendMoves = options.weekendHolidaysMoveCollection ?? false;
  const byYear = new Map<number, readonly Holiday[]>();

  const holidaysIn = (year: number): readonly Holiday[] => {
    const cached = byYear.get(year);
    if (cached) return cached;
    const dates = new Map<HolidayId, IsoDate>();
    const list: Holiday[] = [];
    // Rules of kind "after" may refer to later entries: two passes.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const definition of definitions) {
        if (dates.has(definition.id) || (definition.since !== undefined && year < definition.since)) continue;
        const date = ruleDate(definition.rule, year, dates);
        if (date === undefined) continue;
        dates.set(definition.id, date);
        const { id, name, nameEs } = definition;
        list.push({ id, name, nameEs, date, observed: observedDate(date) });
      }
    }
    list.sort((a, b) => a.date.localeCompare(b.date));
    const frozen = Object.freeze(list);
    byYear.set(year, frozen);
    return frozen;
  };

  const holidayOn = (at: Date | IsoDate): Holiday | undefined => {
    const date = cityDateOf(at);
    const year = yearOf(date);
    // New Year's Day on a Saturday is observed on December 31 of the year before.
    for (const y of [year, year + 1]) {
      const found = holidaysIn(y).find((h) => h.date === date || h.observed === date);
      if (found) return found;
    }
    return undefined;
  };

  const collectionHolidayOn = (at: Date | IsoDate): Holiday | undefined => {
    const date = cityDateOf(at);
    if (isWeekend(date)) return undefined;
    const holiday = holidayOn(date);
    if (!holiday) return undefined;
    if (holiday.date === date) return holiday;
    return weekendMoves && holiday.observed === date ? holiday : undefined;
  };

  return {
    definitions,
    holidaysIn,
    holidayOn,
    isHoliday: (at) => holidayOn(at) !== undefined,
    collectionHolidayOn,
    holiday: (id, year) => holidaysIn(year).find((h) => h.id === id),
  };
}
