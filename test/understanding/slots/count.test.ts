import assert from 'node:assert/strict';
import { countOf, readCount, readDuration, timeUnitOf } from '../../../understanding/slots/count.js';

describe('slot reader: a count', () => {
  const cases: readonly [string, number | undefined][] = [
    ['1', 1],
    ['just one', 1],
    ['3 of them', 3],
    ['three', 3],
    ['a couple', 2],
    ['a few', 3],
    ['twenty five', 25],
    ['about 12', 12],
    ['none', 0],
    ['one or two', undefined],
    ['no idea', undefined],
    ['lots', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => assert.equal(readCount(text), expected));
  }

  it('finds a count next to what is counted in a sentence, never a house number', () => {
    assert.equal(countOf('3 lights out in a row on my block', ['lights', 'row']), 3);
    assert.equal(countOf('two lights are out', ['lights']), 2);
    assert.equal(countOf('the light at 2400 is out', ['lights']), undefined);
    assert.equal(countOf('pothole at 1500 Park Ave', ['lights']), undefined);
  });

  it('converts a length of time to the unit the question counts in', () => {
    const unit = timeUnitOf('About how many days has it been there?');
    assert.equal(unit, 'days');
    assert.equal(readDuration('2 weeks', unit!), 14);
    assert.equal(readDuration('2 wks', unit!), 14);
    assert.equal(readDuration('a month', unit!), 30);
    assert.equal(readDuration('3 days', unit!), 3);
    assert.equal(readDuration('a while', unit!), undefined);
  });
});
