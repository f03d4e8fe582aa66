import assert from 'node:assert/strict';
import { addBusinessDays, isBusinessDay, nextBusinessDay } from '../../knowledge/business-days.js';
import { createHolidayCalendar } from '../../knowledge/holiday-calendar.js';

const calendar = createHolidayCalendar();
/** 10 AM in Philadelphia (EDT, UTC-4) on a summer date. */
const tenAm = (date: string): Date => new Date(`${date}T14:00:00Z`);

describe('business days', () => {
  const table: readonly [string, string, number, string][] = [
    ['an ordinary week', '2026-06-09', 3, '2026-06-12'],
    ['over a weekend', '2026-06-11', 3, '2026-06-16'],
    ['the Friday before Memorial Day (pothole, 3 days)', '2026-05-22', 3, '2026-05-28'],
    ['the Friday before Memorial Day (graffiti, 5 days)', '2026-05-22', 5, '2026-06-01'],
    ['across Juneteenth (a Friday)', '2026-06-18', 1, '2026-06-22'],
    ['across July 3, observed for a Saturday July 4', '2026-07-02', 1, '2026-07-06'],
    ['across Thanksgiving and the day after', '2026-11-25', 1, '2026-11-30'],
    ['filed on a Saturday', '2026-06-13', 1, '2026-06-15'],
    ['zero days', '2026-06-10', 0, '2026-06-10'],
    ['14 days for a cave-in inspection', '2026-06-01', 14, '2026-06-22'],
  ];
  for (const [label, from, n, expected] of table) {
    it(`${n} business days from ${from}: ${expected} (${label})`, () => {
      const due = addBusinessDays(tenAm(from), n, calendar);
      assert.equal(due.toISOString().slice(0, 10), expected);
    });
  }

  it('keeps the wall-clock time across the change from daylight time', () => {
    // Friday Oct 30, 2026, 10 AM EDT; clocks fall back Sunday Nov 1; Monday 10 AM EST is 15:00 UTC.
    const due = addBusinessDays(new Date('2026-10-30T14:00:00Z'), 1, calendar);
    assert.equal(due.toISOString(), '2026-11-02T15:00:00.000Z');
  });

  it('counts in the city time zone: 11 PM Friday in Philadelphia is still Friday', () => {
    // 03:00 UTC Saturday = 11 PM EDT Friday May 22; 1 business day skips Memorial Day -> Tuesday 11 PM.
    const due = addBusinessDays(new Date('2026-05-23T03:00:00Z'), 1, calendar);
    assert.equal(due.toISOString(), '2026-05-27T03:00:00.000Z');
  });

  it('counts backwards for a negative number', () => {
    assert.equal(addBusinessDays(tenAm('2026-05-26'), -1, calendar).toISOString().slice(0, 10), '2026-05-22');
  });

  it('rejects a fractional number of days or an invalid date', () => {
    assert.throws(() => addBusinessDays(tenAm('2026-05-26'), 1.5, calendar), RangeError);
    assert.throws(() => addBusinessDays(new Date('nope'), 1, calendar), RangeError);
  });

  it('knows business days and the next one', () => {
    assert.equal(isBusinessDay('2026-05-25', calendar), false);
    assert.equal(isBusinessDay('2026-05-23', calendar), false);
    assert.equal(isBusinessDay('2026-05-26', calendar), true);
    assert.equal(nextBusinessDay('2026-05-22', calendar), '2026-05-26');
    assert.equal(nextBusinessDay('2027-12-23', calendar), '2027-12-27');
  });
});
