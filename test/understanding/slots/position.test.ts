import assert from 'node:assert/strict';
import { placesIn, positionChoice } from '../../../understanding/slots/position.js';

const POTHOLE = [
  'In a travel lane',
  'In the parking lane or by the curb',
  'In a crosswalk',
  'In a bike lane',
];
const DUMPING = ['Street', 'Sidewalk', 'Alley', 'Vacant lot'];

describe('slot reader: a position in or beside the street', () => {
  const cases: readonly [string, readonly string[], string | undefined][] = [
    ['right lane', POTHOLE, 'In a travel lane'],
    ['in the right lane', POTHOLE, 'In a travel lane'],
    ['middle of the road', POTHOLE, 'In a travel lane'],
    ['by the curb', POTHOLE, 'In the parking lane or by the curb'],
    ['where people park', POTHOLE, 'In the parking lane or by the curb'],
    ['next to the parked cars', POTHOLE, 'In the parking lane or by the curb'],
    ['crosswalk', POTHOLE, 'In a crosswalk'],
    ['in the bike lane', POTHOLE, 'In a bike lane'],
    ['in the alley out back', DUMPING, 'Alley'],
    ['on the sidewalk', DUMPING, 'Sidewalk'],
    ['in the street', DUMPING, 'Street'],
    ['the empty lot', DUMPING, 'Vacant lot'],
    ['en el carril derecho', POTHOLE, 'In a travel lane'],
    ['junto al bordillo', POTHOLE, 'In the parking lane or by the curb'],
    ['en la acera', DUMPING, 'Sidewalk'],
    ['lane', POTHOLE, undefined],
  ];
  for (const [text, labels, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => {
      const index = positionChoice(text, labels);
      assert.equal(index === undefined ? undefined : labels[index], expected);
    });
  }

  it('"street light" names no place', () => assert.deepEqual(placesIn('the street light is out'), []));
});
