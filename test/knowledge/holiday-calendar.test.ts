import assert from 'node:assert/strict';
import { CITY_HOLIDAYS } from '../../knowledge/city-holidays.js';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';

const calendar = createHolidayCalendar();

describe('holiday calendar', () => {
  it('computes every city holiday of 2026 by rule', () => {
    const dates = calendar.holidaysIn(2026).map((h) => `${h.date} ${h.name}`);
    assert.deepEqual(dates, [
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Presidents' Day",
      '2026-05-25 Memorial Day',
      '2026-06-19 Juneteenth',
      '2026-07-04 Independence Day',
      '2026-09-07 Labor Day',
      "2026-10-12 Indigenous Peoples' Day",
      '2026-11-11 Veterans Day',
      '2026-11-26 Thanksgiving',
      '2026-11-27 the day after Thanksgiving',
      '2026-12-25 Christmas Day',
    ]);
  });

  const table: readonly [string, number, string][] = [
    ['memorial-day', 2027, '2027-05-31'],
    ['memorial-day', 2030, '2030-05-27'],
    ['thanksgiving', 2027, '2027-11-25'],
    ['thanksgiving', 2030, '2030-11-28'],
    ['martin-luther-king-jr-day', 2027, '2027-01-18'],
    ['labor-day', 2028, '2028-09-04'],
    ['indigenous-peoples-day', 2028, '2028-10-09'],
    ['presidents-day', 2028, '2028-02-21'],
  ];
  for (const [id, year, expected] of table) {
    it(`puts ${id} ${year} on ${expected}`, () => {
      assert.equal(calendar.holiday(id, year)?.date, expected);
    });
  }

  it('observes a Saturday holiday on the Friday before and a Sunday one on the Monday after', () => {
    assert.equal(calendar.holiday('independence-day', 2026)?.observed, '2026-07-03');
    assert.equal(calendar.holiday('christmas-day', 2027)?.observed, '2027-12-24');
    assert.equal(calendar.holiday('independence-day', 2027)?.observed, '2027-07-05');
    assert.equal(calendar.isHoliday('2026-07-03'), true, 'city offices close on the observed Friday');
    assert.equal(calendar.holidayOn('2027-12-24')?.id, 'christmas-day');
  });

  it("observes New Year's Day 2028 (a Saturday) on December 31, 2027", () => {
    assert.equal(calendar.holidayOn('2027-12-31')?.id, 'new-years-day');
    assert.equal(calendar.holidayOn('2027-12-31')?.date, '2028-01-01');
  });

  it('stops collection only on weekday holidays, never for a weekend one or its observed day', () => {
    assert.equal(calendar.collectionHolidayOn('2026-05-25')?.id, 'memorial-day');
    assert.equal(calendar.collectionHolidayOn('2026-07-04'), undefined);
    assert.equal(calendar.collectionHolidayOn('2026-07-03'), undefined);
    assert.equal(calendar.collectionHolidayOn('2027-12-24'), undefined);
  });

  it('can be told that weekend holidays move collection too', () => {
    const other = createHolidayCalendar({ weekendHolidaysMoveCollection: true });
    assert.equal(other.collectionHolidayOn('2026-07-03')?.id, 'independence-day');
  });

  it('does not treat Election Day or Good Friday as holidays', () => {
    assert.equal(calendar.isHoliday('2026-11-03'), false);
    assert.equal(calendar.isHoliday('2026-04-03'), false);
    assert.equal(calendar.isHoliday('2026-05-26'), false);
  });

  it('has no Juneteenth before the city first observed it (2021)', () => {
    assert.equal(calendar.holiday('juneteenth', 2020), undefined);
    assert.equal(calendar.holiday('juneteenth', 2021)?.date, '2021-06-19');
  });

  it('reads an instant in the city time zone, not UTC', () => {
    // 01:30 UTC on Tuesday, May 26 is still Monday evening, Memorial Day, in Philadelphia.
    assert.equal(calendar.holidayOn(new Date('2026-05-26T01:30:00Z'))?.id, 'memorial-day');
    assert.equal(calendar.isHoliday(new Date('2026-05-26T05:00:00Z')), false);
  });

  it('uses an edited list when staff give one', () => {
    const custom = createHolidayCalendar({
      holidays: [
        ...CITY_HOLIDAYS.filter((h) => h.id !== 'day-after-thanksgiving'),
        {
          id: 'parade-day',
          name: 'Parade Day',
          nameEs: 'Día del Desfile',
          aliases: ['parade day'],
          rule: { kind: 'fixed', month: 2, day: 9 },
        },
      ],
    });
    assert.equal(custom.holidayOn('2026-02-09')?.name, 'Parade Day');
    assert.equal(custom.isHoliday('2026-11-27'), false);
    assert.equal(calendar.isHoliday('2026-02-09'), false);
    assert.equal(calendar.isHoliday('2026-11-27'), true);
  });

  it('rejects a malformed date string with a RangeError', () => {
    assert.throws(() => calendar.isHoliday('May 25'), RangeError);
  });
});
