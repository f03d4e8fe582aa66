import assert from 'node:assert/strict';
import { cityDateOf } from '../../knowledge/city-date.js';
import {
  collectionDayFor,
  collectionWeek,
  createHolidayCalendar,
  dateMeant,
  dayInQuestion,
  describeCollectionWeek,
  describeHolidays,
  type RouteDay,
} from '../../knowledge/holiday-calendar.js';

const calendar = createHolidayCalendar();

describe('collection week (the trash holiday rule)', () => {
  const table: readonly [string, RouteDay, string, string][] = [
    ['Memorial Day week: Monday route moves to Tuesday', 'monday', '2026-05-27', '2026-05-26'],
    ["Memorial Day week: Wednesday's route on Thursday", 'wednesday', '2026-05-25', '2026-05-28'],
    ["Memorial Day week: Friday's route on Saturday", 'friday', '2026-05-29', '2026-05-30'],
    ['the week after Memorial Day is normal', 'wednesday', '2026-06-03', '2026-06-03'],
    ['Thanksgiving week: Wednesday is untouched', 'wednesday', '2026-11-24', '2026-11-25'],
    ['Thanksgiving week: Thursday route on Saturday', 'thursday', '2026-11-24', '2026-11-28'],
    ['Thanksgiving week: Friday route on Sunday', 'friday', '2026-11-24', '2026-11-29'],
    ['July 4, 2026 is a Saturday: Friday stays Friday', 'friday', '2026-07-01', '2026-07-03'],
    ['Christmas 2027 is a Saturday: Friday stays Friday', 'friday', '2027-12-22', '2027-12-24'],
    ['Election Day week is normal', 'tuesday', '2026-11-03', '2026-11-03'],
    ["Juneteenth 2026 (Friday): Friday's route on Saturday", 'friday', '2026-06-15', '2026-06-20'],
    ["Christmas 2026 (Friday): Thursday's route unchanged", 'thursday', '2026-12-21', '2026-12-24'],
  ];
  for (const [label, route, date, expected] of table) {
    it(label, () => {
      assert.equal(collectionDayFor(route, date, calendar), expected);
    });
  }

  it('lists the holidays of the week and the weekend ones separately', () => {
    const memorial = collectionWeek('2026-05-28', calendar);
    assert.equal(memorial.weekOf, '2026-05-25');
    assert.deepEqual(
      memorial.holidays.map((h) => h.id),
      ['memorial-day'],
    );
    const july = collectionWeek('2026-07-01', calendar);
    assert.deepEqual(july.holidays, []);
    assert.deepEqual(
      july.weekendHolidays.map((h) => h.id),
      ['independence-day'],
    );
  });
});

describe('dayInQuestion', () => {
  it('is today on a weekday or a Saturday', () => {
    assert.equal(dayInQuestion('2026-11-25', calendar), '2026-11-25');
    assert.equal(dayInQuestion('2026-05-30', calendar), '2026-05-30');
  });

  it('is the coming Monday on a Sunday without collection', () => {
    assert.equal(dayInQuestion(new Date('2026-11-22T15:00:00Z'), calendar), '2026-11-23');
  });

  it("stays on a Sunday when a holiday moved a route to it (Thanksgiving week's Friday route)", () => {
    assert.equal(dayInQuestion('2026-11-29', calendar), '2026-11-29');
  });
});

describe('describeCollectionWeek', () => {
  it('explains a Monday holiday week in one sentence residents can act on', () => {
    assert.equal(
      describeCollectionWeek('2026-05-26', calendar),
      "Monday, May 25 is Memorial Day: no collection that day, and collection runs one day late for the rest of that week (Monday's route on Tuesday, Tuesday's on Wednesday, Wednesday's on Thursday, Thursday's on Friday, Friday's on Saturday). The next week is back to normal.",
    );
  });

  it('explains Thanksgiving week, with two days off', () => {
    const text = describeCollectionWeek(new Date('2026-11-23T15:00:00Z'), calendar);
    assert.match(
      text,
      /^Thursday, November 26 is Thanksgiving and Friday, November 27 is the day after Thanksgiving/,
    );
    assert.match(
      text,
      /collection runs two days late for the rest of that week \(Thursday's route on Saturday, Friday's on Sunday\)/,
    );
    assert.match(text, /Monday, Tuesday and Wednesday are collected as usual/);
  });

  it('says a weekend holiday changes nothing', () => {
    assert.equal(
      describeCollectionWeek('2026-07-01', calendar),
      'Saturday, July 4 is Independence Day, on a weekend, so nothing changes: collection is on your normal day the week of June 29.',
    );
  });

  it('says there is no holiday, and that Election Day is not one', () => {
    assert.equal(
      describeCollectionWeek('2026-03-11', calendar),
      'No city holiday the week of March 9: collection is on your normal day.',
    );
    assert.match(describeCollectionWeek('2026-11-04', calendar), /Election Day is not a collection holiday/);
  });

  it('answers in Spanish', () => {
    assert.match(
      describeCollectionWeek('2026-05-26', calendar, 'es'),
      /^El lunes 25 de mayo es .*la ruta del viernes pasa el sábado/,
    );
  });
});

describe('describeHolidays', () => {
  it('lists the year with dates, and says weekend ones change nothing', () => {
    const text = describeHolidays(2026, calendar);
    assert.match(
      text,
      /^City holidays in 2026: New Year's Day \(Thursday, January 1\), Martin Luther King Jr\. Day \(Monday, January 19\)/,
    );
    assert.match(text, /Independence Day \(Saturday, July 4\)/);
    assert.match(
      text,
      /and Christmas Day \(Friday, December 25\)\. One on a weekend does not change collection\.$/,
    );
    assert.match(
      describeHolidays(2026, calendar, 'es'),
      /^Feriados de la ciudad en 2026: Año Nuevo \(jueves 1 de enero\)/,
    );
  });
});

describe('dateMeant', () => {
  // Wednesday, May 20, 2026, 11 AM in Philadelphia.
  const now = new Date('2026-05-20T15:00:00Z');
  const table: readonly [string, string | undefined][] = [
    ['will they pick up on Memorial Day?', '2026-05-25'],
    ['will they pick up the Monday after Memorial Day?', '2026-06-01'],
    ['the day after memorial day', '2026-05-26'],
    ['is trash late thanksgiving week', '2026-11-26'],
    ['what about the day after Thanksgiving', '2026-11-27'],
    ['christmas', '2026-12-25'],
    ['labor day', '2026-09-07'],
    ['trash on the 4th of july?', '2026-07-04'],
    ['el lunes después de navidad', '2026-12-28'],
    ['is trash late this week', '2026-05-20'],
    ['next week', '2026-05-27'],
    ['tomorrow', '2026-05-21'],
    ['next friday', '2026-05-29'],
    ['june 3', '2026-06-03'],
    ['what is the schedule the week of june 15', '2026-06-15'],
    ['I put my trash out at 7 pm', undefined],
    ['hello', undefined],
  ];
  for (const [text, expected] of table) {
    it(`"${text}" -> ${expected ?? 'no date'}`, () => {
      const meant = dateMeant(text, now, calendar);
      assert.equal(meant === undefined ? undefined : cityDateOf(meant), expected);
    });
  }

  it("takes this week's holiday when the resident asks just after it", () => {
    const tuesdayAfter = new Date('2026-05-26T15:00:00Z');
    assert.equal(
      cityDateOf(dateMeant('is trash late because of memorial day', tuesdayAfter, calendar)!),
      '2026-05-25',
    );
    const june = new Date('2026-06-10T15:00:00Z');
    assert.equal(cityDateOf(dateMeant('memorial day', june, calendar)!), '2027-05-31');
  });
});
