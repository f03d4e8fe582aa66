/**
 * Dates as the request domain accepts them. An ISO 8601 date (or date and
 * time) must exist: `2026-02-30` is refused, never rolled over to March 2 as
 * `Date.parse` does. Other written forms ("May 1 2026", which CSV imports
 * carry) are read by `Date.parse`.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/i;
const ISO_START = /^\d{4}-\d{2}-\d{2}/;

/** An ISO 8601 date or date and time that exists; undefined when the text is not one. */
export function parseDateTime(value: string): Date | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, , offH, offM] = m.slice(1).map((s) => Number(s ?? 0));
  const monthDays = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > monthDays) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 59 || offH! > 23 || offM! > 59) return undefined;
  const t = Date.parse(value.trim().replace(' ', 'T'));
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Any date the domain accepts: ISO strictly, other written forms as `Date.parse` reads them. */
export function parseAnyDate(value: string): Date | undefined {
  if (ISO_START.test(value.trim())) return parseDateTime(value);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}
