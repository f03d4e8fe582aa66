import assert from 'node:assert/strict';
import { isSizeList, readSize, sizeChoice, sizeMentioned } from '../../../understanding/slots/size.js';

/** The pothole's own labels from the catalog: the reader is driven by them, not by a list of its own. */
const POTHOLE = ['Smaller than a dinner plate', 'About a tire wide', 'Larger than a tire'];

describe('slot reader: a size', () => {
  const cases: readonly [string, string | undefined][] = [
    ['two feet', 'About a tire wide'],
    ['about two feet wide', 'About a tire wide'],
    ['2 ft', 'About a tire wide'],
    ["2'", 'About a tire wide'],
    ['6 inches', 'Smaller than a dinner plate'],
    ['huge', 'Larger than a tire'],
    ['massive crater', 'Larger than a tire'],
    ['big', 'Larger than a tire'],
    ['tiny', 'Smaller than a dinner plate'],
    ['not that big', 'Smaller than a dinner plate'],
    ['like a manhole', 'About a tire wide'],
    ['the size of a dinner plate', 'Smaller than a dinner plate'],
    // Between the plate and the tire the labels leave "about a tire wide".
    ['about a foot', 'About a tire wide'],
    ['14 inches', 'About a tire wide'],
    ['3 feet across', 'Larger than a tire'],
    ['bigger than a car', 'Larger than a tire'],
    ['1.5 m', 'Larger than a tire'],
    ['deep', undefined],
    ['in the right lane', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => {
      const index = sizeChoice(readSize(text), POTHOLE);
      assert.equal(index === undefined ? undefined : POTHOLE[index], expected);
    });
  }

  it('knows a size list by its labels, and other lists are not sizes', () => {
    assert.ok(isSizeList(POTHOLE));
    assert.ok(!isSizeList(['A few bags or items', 'About a pickup truck load', 'More than a truck load']));
    assert.ok(!isSizeList(['In a travel lane', 'In a crosswalk']));
  });

  it('in a sentence, an object counts only when the size is compared to it', () => {
    assert.equal(sizeMentioned('huge pothole in the right lane')?.by, 'word');
    assert.equal(sizeMentioned('pothole as big as a tire')?.inches, 25);
    assert.equal(sizeMentioned('pothole gave me a flat tire'), undefined);
  });
});
