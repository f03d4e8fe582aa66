import * as chrono from 'chrono-node';
import { zoneOffsetMinutes } from '../../knowledge/city-date.js';

/**
 * A past date as residents say it, read by chrono-node: "yesterday", "a few days
 * ago", "last Tuesday", "since Monday", "for a week", "2 weeks ago". In the
 * city's time zone; a bare weekday means the last one, not the next.
 */
export interface DateContext {
  readonly now: Date;
  readonly timeZone: string;
}

// Offset of a time zone from UTC at an instant, in minutes (chrono-node's reference).
export { zoneOffsetMinutes };

const AMOUNT =
  '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|a couple(?: of)?|couple(?: of)?|several|\\d+)';
/** "for a week", "been there 3 days", "since 2 days": a duration up to now, i.e. that long ago. */
const DURATION = new RegExp(
  `\\b(?:for(?: about| around| like)?|been(?: there| here| out| like this| broken)?(?: for)?(?: about| around| like)?|since)\\s+(${AMOUNT}\\s+(?:day|week|month|hour|year)s?)\\b(?!\\s+ago)`,
  'gi',
);
const SEVERAL = /\bseveral\b/gi;

/** When a date was meant as a day (not only an hour of today). */
const DAY_WORDS =
  /\b(?:ago|yesterday|today|tonight|morning|afternoon|evening|last|since|week|weekend|month|year|day|days|ayer|hoy|hace|semana|dias?)\b/i;

/**
 * Short forms of date words chrono-node does not read ("2 wks", "tues", "2 nights
 * ago", "yday"). Date vocabulary only; general text-speak is the spelling layer's.
 */
const DATE_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:yday|yest|ystrday|yesterdy|yesturday)\b/gi, 'yesterday'],
  [/\b(?:2day|tday|tdy)\b/gi, 'today'],
  [/\b(?:2nite|tonite)\b/gi, 'tonight'],
  [/\blast\s*(?:nite|night)\b/gi, 'yesterday'],
  [/\b(\d+|a|an|one|two|three|few|couple(?: of)?)\s*(?:wks?|weeks?)\b/gi, '$1 weeks'],
  [/\b(\d+|a|an|one|two|three|few|couple(?: of)?)\s*(?:mos|mths?|months?)\b/gi, '$1 months'],
  [/\b(\d+|a|an|one|two|three|few|couple(?: of)?)\s*(?:hrs?|hours?)\b/gi, '$1 hours'],
  [/\b(\d+|a|an|one|two|three|few|couple(?: of)?)\s*(?:days?|nights?|nites?)\b/gi, '$1 days'],
  [/\banoche\b/gi, 'yesterday'],
  [/\btues\b/gi, 'tuesday'],
  [/\bweds?\b/gi, 'wednesday'],
  [/\bthu\b/gi, 'thursday'],
];
/** A bare duration is how long ago: "2 days", "a week", "few weeks". */
const BARE_DURATION = new RegExp(
  `^\\s*(?:about |around |like |maybe )?(${AMOUNT}\\s+(?:day|week|month|hour|year)s?)\\s*$`,
  'i',
);

const SPANISH_AMOUNT: Readonly<Record<string, string>> = {
  un: 'a',
  una: 'a',
  dos: 'two',
  tres: 'three',
  unos: 'a few',
  unas: 'a few',
  pocos: 'a few',
  pocas: 'a few',
  varios: 'a few',
  varias: 'a few',
};
const SPANISH_UNIT: Readonly<Record<string, string>> = { dia: 'day', semana: 'week', mes: 'month' };
/** Spanish "hace dos dias" (two days ago), "hace una semana", "hace unos dias": chrono's Spanish reads none. */
const HACE =
  /\bhace\s+(?:(\d+|un|una|dos|tres|unos|unas|pocos|pocas|varios|varias)\s+)?(dia|semana|mes)(?:s|es)?\b/gi;
const fromHace = (_: string, amount: string | undefined, unit: string): string => {
  const n = amount === undefined ? 'a few' : (SPANISH_AMOUNT[amount.toLowerCase()] ?? amount);
  const english = SPANISH_UNIT[unit.toLowerCase()] ?? 'day';
  return `${n} ${english}${n === 'a' ? '' : 's'} ago`;
};

function parse(text: string, context: DateContext): chrono.ParsedResult | undefined {
  let rewritten = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(HACE, fromHace);
  for (const [pattern, replacement] of DATE_WORDS) rewritten = rewritten.replace(pattern, replacement);
  rewritten = rewritten
    .replace(DURATION, '$1 ago')
    .replace(BARE_DURATION, '$1 ago')
    .replace(SEVERAL, 'a few');
  const ref = { instant: context.now, timezone: zoneOffsetMinutes(context.now, context.timeZone) };
  // Spanish answers ("ayer", "el jueves", "hace dos dias") when English reads no date.
  return (
    chrono.parse(rewritten, ref, { forwardDate: false })[0] ??
    chrono.es.parse(text, ref, { forwardDate: false })[0]
  );
}

function dateOf(result: chrono.ParsedResult, now: Date): Date {
  const date = result.start.date();
  // "since monday": chrono may pick the coming one; a report is about the past.
  if (date.getTime() > now.getTime() && result.start.isCertain('weekday') && !result.start.isCertain('day'))
    return new Date(date.getTime() - 7 * 86_400_000);
  return date;
}

/** The date an answer gives, or undefined when it gives none. It may be in the future: the caller decides. */
export function readDate(text: string | undefined, context: DateContext): Date | undefined {
  const result = parse(text ?? '', context);
  return result ? dateOf(result, context.now) : undefined;
}

/** A past day named inside a sentence ("pothole there since last week"); times of day alone are not days. */
export function dateMentioned(text: string, context: DateContext): Date | undefined {
  const result = parse(text, context);
  if (!result) return undefined;
  const isDay =
    result.start.isCertain('day') || result.start.isCertain('weekday') || DAY_WORDS.test(result.text);
  if (!isDay) return undefined;
  const date = dateOf(result, context.now);
  return date.getTime() <= context.now.getTime() + 60_000 ? date : undefined;
}

/** Words that say when, though no date can be read from them ("a while ago", "all summer"). */
const TIME_WORDS =
  /\b(?:ago|while|long|since|ages|ever|forever|weeks?|months?|years?|summer|winter|spring|fall|autumn|season|days?|nights?|morning|evening|recently|lately|before|after|past|last)\b/i;

/** Whether an answer speaks of a time, even one no date can be read from. */
export const speaksOfTime = (text: string): boolean => TIME_WORDS.test(text);
