import assert from 'node:assert/strict';
import { extractLocation, isVagueLocation, normalizeAddress } from '../../requests/address.js';

describe('normalizeAddress', () => {
  const cases: readonly [string, string | undefined][] = [
    ['1234 spruce street', '1234 Spruce St'],
    ['1234 Spruce', '1234 Spruce St'],
    ['at 1234 Spruce St.', '1234 Spruce St'],
    ["it's 500 market st", '500 Market St'],
    ['1234 north broad street apt 2b', '1234 N Broad St Apt 2B'],
    ['1234 S. Broad St, Philadelphia, PA 19147', '1234 S Broad St'],
    ['12 w girard ave #4', '12 W Girard Ave Unit 4'],
    ['7000 roosevelt boulevard', '7000 Roosevelt Blvd'],
    ['100 ridge road', '100 Ridge Rd'],
    ['26th and oxford', '26th St & Oxford St'],
    ['26th & Oxford St', '26th St & Oxford St'],
    ['oxford and 26th', '26th St & Oxford St'],
    ['corner of broad and walnut', 'Broad St & Walnut St'],
    ['N 5th St / W Girard Ave', 'N 5th St & W Girard Ave'],
    ['1200 block of spruce', '1200 Block of Spruce St'],
    ['near my house', undefined],
    ['home and work', undefined],
    ['hello', undefined],
    ['15123456', undefined],
    ['', undefined],
    ['1234 spruce st and 13th', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected ?? 'not an address'}`, () => {
      assert.equal(normalizeAddress(input), expected);
    });
  }

  it('gives the same spelling for the same place typed differently', () => {
    assert.equal(normalizeAddress('1234 SPRUCE STREET'), normalizeAddress('1234 spruce st.'));
    assert.equal(normalizeAddress('Oxford St & 26th St'), normalizeAddress('26th and oxford'));
  });
});

describe('extractLocation', () => {
  const cases: readonly [string, string | undefined][] = [
    ['huge pothole in front of 1234 Spruce St', '1234 Spruce St'],
    ['theres a pothole at 1234 spruce', '1234 Spruce St'],
    ['pothole at 123 main st apt 4 since yesterday', '123 Main St Apt 4'],
    ['light out at 26th and oxford', '26th St & Oxford St'],
    ['pothole at broad and walnut', 'Broad St & Walnut St'],
    ['abandoned car at 26th st and oxford ave', '26th St & Oxford Ave'],
    ['car parked at N 5th St & W Girard Ave for 3 weeks', 'N 5th St & W Girard Ave'],
    ['street light out on the 1200 block of Spruce St', '1200 Block of Spruce St'],
    ['status 12345678', undefined],
    ['what about 15123456?', undefined],
    ['I called 2 weeks ago', undefined],
    ['pothole at 5 pm', undefined],
    ['broken light and pothole', undefined],
    ['how do I report a pothole?', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected ?? 'none'}`, () => {
      assert.equal(extractLocation(input)?.address, expected);
    });
  }

  it('says what kind of location it found', () => {
    assert.equal(extractLocation('light out at 26th and oxford')?.kind, 'intersection');
    assert.equal(extractLocation('pothole at 1234 Spruce St')?.kind, 'street-address');
  });
});

describe('isVagueLocation', () => {
  const cases: readonly [string, boolean][] = [
    ['near my house', true],
    ['down the street', true],
    ['here', true],
    ['my block', true],
    ['right outside', true],
    ['around the corner from me', true],
    ['there is trash on my block', true],
    ['1234 Spruce St', false],
    ['in front of my house at 1234 Spruce St', false],
    ['26th and oxford', false],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected ? 'vague' : 'not vague'}`, () => {
      assert.equal(isVagueLocation(input), expected);
    });
  }
});
