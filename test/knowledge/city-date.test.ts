import assert from 'node:assert/strict';
import { addDays, cityDateOf, cityNoon, shiftCityDays } from '../../knowledge/city-date.js';

/** The calendar date and wall-clock time as the platform's own formatter gives them. */
function formatted(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

// Zones with whole-hour, half-hour and 45-minute offsets, and Lord Howe, whose clocks move 30 minutes mid-hour (UTC).
const ZONES = [
  'America/New_York',
  'Asia/Kolkata',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
];
// Days around 2026's daylight-saving changes in the north (March, November) and the south (April, October).
const DAYS = ['2026-03-08', '2026-04-05', '2026-10-04', '2026-11-01', '2026-12-31'];

describe('city dates', () => {
  it("give the city's calendar date at every instant, across daylight-saving changes", () => {
    for (const zone of ZONES) {
      for (const day of DAYS) {
        const from = Date.parse(`${day}T00:00:00Z`) - 24 * 60 * 60 * 1000;
        // Every 7 minutes 30 seconds for three days, so half hours and quarter hours are both hit.
        for (let t = from; t < from + 3 * 24 * 60 * 60 * 1000; t += 450_000) {
          const at = new Date(t);
          assert.equal(cityDateOf(at, zone), formatted(at, zone).slice(0, 10), `${zone} ${at.toISOString()}`);
        }
      }
    }
  });

  it('shift a time by a day keeping the wall clock, at every instant around the end of daylight time', () => {
    // Adelaide and Lord Howe move their clocks at 16:30 and 15:00 UTC; New York at 06:00 UTC.
    const ends = [
      ['Australia/Adelaide', '2026-04-04'],
      ['Australia/Lord_Howe', '2026-04-04'],
      ['America/New_York', '2026-11-01'],
    ] as const;
    for (const [zone, day] of ends) {
      const from = Date.parse(`${day}T00:00:00Z`) - 24 * 60 * 60 * 1000;
      for (let t = from; t < from + 3 * 24 * 60 * 60 * 1000; t += 450_000) {
        const at = new Date(t);
        const later = shiftCityDays(at, 1, zone);
        const where = `${zone} ${at.toISOString()}`;
        assert.equal(formatted(later, zone).slice(11), formatted(at, zone).slice(11), where);
        assert.equal(cityDateOf(later, zone), addDays(cityDateOf(at, zone), 1), where);
      }
    }
  });

  it('shift a time by calendar days keeping the wall clock, across the change to daylight time', () => {
    const zone = 'America/New_York';
    // 10:15 on Saturday 7 March 2026 (EST) -> 10:15 on Monday 9 March (EDT).
    const at = new Date('2026-03-07T15:15:00Z');
    const later = shiftCityDays(at, 2, zone);
    assert.equal(formatted(later, zone), '2026-03-09 10:15');
    assert.equal(later.toISOString(), '2026-03-09T14:15:00.000Z');
  });

  it('put noon of a date at noon in the city, in summer and in winter', () => {
    assert.equal(cityNoon('2026-07-04').toISOString(), '2026-07-04T16:00:00.000Z');
    assert.equal(cityNoon('2026-12-25').toISOString(), '2026-12-25T17:00:00.000Z');
    assert.equal(
      formatted(cityNoon('2026-10-04', 'Australia/Lord_Howe'), 'Australia/Lord_Howe'),
      '2026-10-04 12:00',
    );
  });
});
