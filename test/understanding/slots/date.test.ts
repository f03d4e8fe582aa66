import assert from 'node:assert/strict';
import { dateMentioned, readDate, speaksOfTime } from '../../../understanding/slots/date.js';

const context = { now: new Date('2026-11-20T15:00:00Z'), timeZone: 'America/New_York' }; // Friday 10 AM
const day = (d: Date | undefined) => d?.toLocaleDateString('en-CA', { timeZone: context.timeZone }); // YYYY-MM-DD

describe('slot reader: a date (chrono-node)', () => {
  const cases: readonly [string, string | undefined][] = [
    ['yesterday', '2026-11-19'],
    ['a few days ago', '2026-11-17'],
    ['few days ago', '2026-11-17'],
    ['2 weeks ago', '2026-11-06'],
    ['2 wks ago', '2026-11-06'],
    ['last tuesday', '2026-11-17'],
    ['since monday', '2026-11-16'],
    ['tues', '2026-11-17'],
    ['for a week', '2026-11-13'],
    ['2 days', '2026-11-18'],
    ['2 nights ago', '2026-11-18'],
    ['yday', '2026-11-19'],
    ['next blursday', undefined],
    // Spanish.
    ['ayer', '2026-11-19'],
    ['anoche', '2026-11-19'],
    ['hace dos dias', '2026-11-18'],
    ['hace 3 días', '2026-11-17'],
    ['hace una semana', '2026-11-13'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => assert.equal(day(readDate(text, context)), expected));
  }

  it('in a sentence, a day is read and an address or an hour alone is not', () => {
    assert.equal(day(dateMentioned('pothole there since last week', context)), '2026-11-13');
    assert.equal(dateMentioned('pothole at 1500 Park Ave', context), undefined);
    assert.equal(dateMentioned('it is out at 7', context), undefined);
  });

  it('knows an answer about time it cannot date', () => {
    assert.ok(speaksOfTime('a while ago'));
    assert.ok(speaksOfTime('all summer'));
    assert.ok(!speaksOfTime('blah'));
  });
});
