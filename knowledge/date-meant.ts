import * as chrono from 'chrono-node';
import {
  addDays,
  CITY_TIME_ZONE,
  cityDateOf,
  cityNoon,
  type IsoDate,
  mondayOf,
  weekdayOf,
} from './city-date.js';
import type { Holiday, HolidayCalendar } from './holiday-calendar.js';

const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  domingo: 0,
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
};

/** The hour of the day in the city (a formatter is costly to build: built once). */
const CITY_HOUR = new Intl.DateTimeFormat('en-US', {
  timeZone: CITY_TIME_ZONE,
  hourCycle: 'h23',
  hour: 'numeric',
});

/** Words (or their starts) without which chrono-node's English parsers find no date. */
const MAY_NAME_A_DAY =
  /[0-9]| (?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tonight|tomorrow|tmrw|tmr|yesterday|week|next|last|this|noon|midnight|christmas|new year)/;

function normalize(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2018\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface HolidayMention {
  readonly holiday: Holiday;
  readonly index: number;
  readonly alias: string;
}

interface AliasPattern {
  readonly id: Holiday['id'];
  readonly alias: string;
  readonly pattern: RegExp;
}

/** Each calendar's holiday aliases compiled once (this runs on every trash-timing answer). */
const aliasPatternCache = new WeakMap<HolidayCalendar, readonly AliasPattern[]>();
function aliasPatterns(calendar: HolidayCalendar): readonly AliasPattern[] {
  let patterns = aliasPatternCache.get(calendar);
  if (!patterns) {
    patterns = calendar.definitions.flatMap((definition) =>
      definition.aliases.map((alias) => ({
        id: definition.id,
        alias,
        pattern: new RegExp(` ${escapeRegExp(normalize(alias).trim())} `),
      })),
    );
    aliasPatternCache.set(calendar, patterns);
  }
  return patterns;
}

/** The holiday named in the text, in the occurrence the resident most likely means. */
function mentionedHoliday(
  text: string,
  today: IsoDate,
  calendar: HolidayCalendar,
): HolidayMention | undefined {
  let best: { id: Holiday['id']; index: number; alias: string } | undefined;
  for (const { id, alias, pattern } of aliasPatterns(calendar)) {
    const match = pattern.exec(text);
    // Longest alias wins ("day after thanksgiving" over "thanksgiving").
    if (match && (!best || alias.length > best.alias.length)) best = { id, index: match.index, alias };
  }
  if (!best) return undefined;
  const year = Number(today.slice(0, 4));
  const thisWeek = mondayOf(today);
  // This week's occurrence if it is this week ("is trash late because of Memorial Day?" on Tuesday),
  // otherwise the next one on or after today.
  for (const y of [year - 1, year, year + 1]) {
    const holiday = calendar.holiday(best.id, y);
    if (holiday && (mondayOf(holiday.date) === thisWeek || holiday.date >= today)) {
      return { holiday, index: best.index, alias: best.alias };
    }
  }
  return undefined;
}

/** "the Monday after Memorial Day", "the day before Christmas", "the week of Thanksgiving". */
function relativeTo(text: string, mention: HolidayMention): IsoDate {
  const before = text.slice(0, mention.index);
  const date = mention.holiday.date;
  const relative = / (?:the )?(?:(\w+) )?(after|before|despues de|antes de|following)(?: el| del| de)?$/.exec(
    before,
  );
  if (!relative) return date;
  const word = relative[1];
  const after = relative[2] === 'after' || relative[2] === 'despues de' || relative[2] === 'following';
  const weekday = word === undefined ? undefined : WEEKDAYS[word];
  if (weekday !== undefined) {
    let day = addDays(date, after ? 1 : -1);
    while (weekdayOf(day) !== weekday) day = addDays(day, after ? 1 : -1);
    return day;
  }
  if (word === 'week' || word === 'semana') return addDays(date, after ? 7 : -7);
  return addDays(date, after ? 1 : -1);
}

/**
 * The day the resident means, for "will they pick up the Monday after
 * Memorial Day?", "thanksgiving week", "christmas", "next friday",
 * "tomorrow". Holiday names come from the calendar; other dates from
 * chrono-node, read forward from `now` in the city's time zone. Returns noon
 * of that day in the city, or undefined when the text names no day.
 */
export function dateMeant(text: string, now: Date, calendar: HolidayCalendar): Date | undefined {
  const normalized = normalize(text);
  const today = cityDateOf(now);
  const mention = mentionedHoliday(normalized, today, calendar);
  if (mention) return cityNoon(relativeTo(normalized, mention));
  if (/ (?:this week|esta semana|today|hoy|tonight|esta noche) /.test(normalized)) return cityNoon(today);
  if (/ (?:next week|la semana que viene|la proxima semana|la semana proxima) /.test(normalized)) {
    return cityNoon(addDays(today, 7));
  }
  // chrono (English) only finds a day where there is a digit, a month or weekday name or a relative
  // word; most questions have none, and chrono's parsers cost more than the rest of the answer.
  if (!MAY_NAME_A_DAY.test(normalized)) return undefined;
  // chrono reads the reference in the machine's zone: give it the city's wall-clock date and time.
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const hour = Number(CITY_HOUR.format(now));
  const reference = new Date(y, m - 1, d, hour, 0, 0);
  // A named date ("june 15") beats a weekday ("friday"), which beats a relative phrase ("the week").
  const rank = (result: chrono.ParsedResult): number => {
    const start = result.start;
    if (/\b(today|tonight|tomorrow|week|hoy|manana|semana)\b/i.test(result.text)) return 2;
    if (start.isCertain('month') && start.isCertain('day')) return 0;
    return start.isCertain('day') || start.isCertain('weekday') ? 1 : 3;
  };
  const best = chrono
    .parse(text, reference, { forwardDate: true })
    .map((result) => ({ result, rank: rank(result) }))
    .filter((candidate) => candidate.rank < 3)
    .sort((a, b) => a.rank - b.rank)[0];
  if (!best) return undefined;
  const year = best.result.start.get('year');
  const month = best.result.start.get('month');
  const day = best.result.start.get('day');
  if (year === null || month === null || day === null) return undefined;
  return cityNoon(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}
