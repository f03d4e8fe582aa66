/**
 * The holidays the City of Philadelphia observes, as rules that give the date
 * for any year. Staff may edit this list: the CITY'S PUBLISHED HOLIDAY
 * CALENDAR IS AUTHORITATIVE (phila.gov, and the Streets Department's holiday
 * collection schedule); when it changes, change this file and the tests in
 * test/knowledge/holiday-calendar.test.ts that name the dates.
 *
 * What the rules mean:
 * - City offices close on each holiday. A holiday on a Saturday is observed on
 *   the Friday before, on a Sunday on the Monday after: those weekdays are not
 *   business days (time frames such as "3 business days" skip them).
 * - Trash and recycling: no collection on a holiday that falls on a weekday,
 *   and collection runs one day behind for the rest of that week; the next
 *   week is normal. A holiday on a weekend changes nothing for collection
 *   (the city's own rule), so its observed Friday/Monday is a collection day.
 * - Election Day is not a holiday for collection.
 * Not listed on purpose: Good Friday, Easter, Election Day, Christmas Eve.
 */

/** Kebab-case id of a holiday, e.g. "memorial-day" (staff may add their own). */
export type HolidayId = string;

/** How a holiday's date is found in a given year. Months are 1-12, weekdays 0 (Sunday) - 6. */
export type HolidayRule =
  | { readonly kind: 'fixed'; readonly month: number; readonly day: number }
  /** The nth given weekday of the month; nth -1 is the last one. */
  | { readonly kind: 'nth-weekday'; readonly month: number; readonly weekday: number; readonly nth: number }
  /** A number of days after another holiday of the list. */
  | { readonly kind: 'after'; readonly holiday: HolidayId; readonly days: number };

export interface HolidayDefinition {
  readonly id: HolidayId;
  readonly name: string;
  readonly nameEs: string;
  /** Words residents use for it (lower case, no accents), for "the Monday after Memorial Day". */
  readonly aliases: readonly string[];
  readonly rule: HolidayRule;
  /** First year the city observed it, if recent. */
  readonly since?: number;
}

export const CITY_HOLIDAYS: readonly HolidayDefinition[] = [
  {
    id: 'new-years-day',
    name: "New Year's Day",
    nameEs: 'Año Nuevo',
    aliases: ['new years day', 'new year day', 'new years', 'new year', 'ano nuevo'],
    rule: { kind: 'fixed', month: 1, day: 1 },
  },
  {
    id: 'martin-luther-king-jr-day',
    name: 'Martin Luther King Jr. Day',
    nameEs: 'Día de Martin Luther King Jr.',
    aliases: ['martin luther king jr day', 'martin luther king day', 'martin luther king', 'mlk day', 'mlk'],
    rule: { kind: 'nth-weekday', month: 1, weekday: 1, nth: 3 },
  },
  {
    id: 'presidents-day',
    name: "Presidents' Day",
    nameEs: 'Día de los Presidentes',
    aliases: ['presidents day', 'president day', 'washingtons birthday', 'dia de los presidentes'],
    rule: { kind: 'nth-weekday', month: 2, weekday: 1, nth: 3 },
  },
  {
    id: 'memorial-day',
    name: 'Memorial Day',
    nameEs: 'Día de los Caídos (Memorial Day)',
    aliases: ['memorial day', 'dia de los caidos'],
    rule: { kind: 'nth-weekday', month: 5, weekday: 1, nth: -1 },
  },
  {
    id: 'juneteenth',
    name: 'Juneteenth',
    nameEs: 'Juneteenth',
    aliases: ['juneteenth'],
    rule: { kind: 'fixed', month: 6, day: 19 },
    since: 2021,
  },
  {
    id: 'independence-day',
    name: 'Independence Day',
    nameEs: 'Día de la Independencia',
    aliases: ['independence day', 'fourth of july', '4th of july', 'july fourth', 'dia de la independencia'],
    rule: { kind: 'fixed', month: 7, day: 4 },
  },
  {
    id: 'labor-day',
    name: 'Labor Day',
    nameEs: 'Día del Trabajo',
    aliases: ['labor day', 'labour day', 'dia del trabajo'],
    rule: { kind: 'nth-weekday', month: 9, weekday: 1, nth: 1 },
  },
  {
    id: 'indigenous-peoples-day',
    name: "Indigenous Peoples' Day",
    nameEs: 'Día de los Pueblos Indígenas',
    aliases: [
      'indigenous peoples day',
      'indigenous people day',
      'indigenous day',
      'columbus day',
      'dia de la raza',
    ],
    rule: { kind: 'nth-weekday', month: 10, weekday: 1, nth: 2 },
  },
  {
    id: 'veterans-day',
    name: 'Veterans Day',
    nameEs: 'Día de los Veteranos',
    aliases: ['veterans day', 'veteran day', 'armistice day', 'dia de los veteranos'],
    rule: { kind: 'fixed', month: 11, day: 11 },
  },
  {
    id: 'thanksgiving',
    name: 'Thanksgiving',
    nameEs: 'Día de Acción de Gracias',
    aliases: [
      'thanksgiving day',
      'thanksgiving',
      'turkey day',
      'dia de accion de gracias',
      'accion de gracias',
    ],
    rule: { kind: 'nth-weekday', month: 11, weekday: 4, nth: 4 },
  },
  {
    id: 'day-after-thanksgiving',
    name: 'the day after Thanksgiving',
    nameEs: 'el día después de Acción de Gracias',
    aliases: ['day after thanksgiving', 'black friday'],
    rule: { kind: 'after', holiday: 'thanksgiving', days: 1 },
  },
  {
    id: 'christmas-day',
    name: 'Christmas Day',
    nameEs: 'Navidad',
    aliases: ['christmas day', 'christmas', 'xmas', 'navidad'],
    rule: { kind: 'fixed', month: 12, day: 25 },
  },
];
