import assert from 'node:assert/strict';
import { readAddress } from '../../../understanding/slots/address.js';

describe('slot reader: an address inside a sentence', () => {
  const cases: readonly [string, string | undefined][] = [
    ['the street light is out at 2400 N Front St', '2400 N Front St'],
    ['graffiti at 300 Church St', '300 Church St'],
    ['pothole at 1500 Park Ave', '1500 Park Ave'],
    ['huge pothole in the right lane at 1500 Park Ave', '1500 Park Ave'],
    ['light out at 700 school lane', '700 School Ln'],
    ['street light out in front of 1500 Park Avenue', '1500 Park Ave'],
    ['1234 spruce', '1234 Spruce St'],
    ['26th and oxford', '26th St & Oxford St'],
    // Intersections: a common word across from an ordinal, names of two words, "corner of".
    ['the stop sign at 12th and Church is turned the wrong way', '12th St & Church St'],
    ['traffic signal flashing at 5th and Spring Garden', '5th St & Spring Garden St'],
    ['at 5th and spring garden', '5th St & Spring Garden St'],
    ['stop sign knocked over at the corner of 5th & Market', '5th St & Market St'],
    ['big pothole on 5th and market rite lane', '5th St & Market St'],
    ['on Baltimore Ave near 48th', '48th St & Baltimore Ave'],
    ['st lite out on 1200 blk of Spruce', '1200 Block of Spruce St'],
    // "@" for "at": the word before it is no cross street.
    ['giant pot hole in da crosswalk @ 19th & chestnut', '19th St & Chestnut St'],
    ['5th @ Market', '5th St & Market St'],
    ['cars in the bike lane near 5th', undefined],
    ['trash at 22nd and the park', undefined],
    // Common words stay common words without a house number and a suffix.
    ['2 broken street lights on my block', undefined],
    ['near the park', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => assert.equal(readAddress(text), expected));
  }
});
