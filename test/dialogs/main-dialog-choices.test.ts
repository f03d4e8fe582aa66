import assert from 'node:assert/strict';
import { matchChoice } from '../../understanding/slots/choice-match.js';
import { isCancel, isGreeting, isMenuRequest, isNo, isYes } from '../../understanding/slots/text-intents.js';

const TITLES = ['Report a street light outage', 'Report a broken traffic signal or sign', 'Report a pothole'];

describe('matchChoice: how residents pick from "did you mean"', () => {
  const cases: [string, number | undefined][] = [
    ['2', 1],
    [' 2. ', 1],
    ['#3', 2],
    ['option 1', 0],
    ['2nd', 1],
    ['the second one', 1],
    ['dos', 1],
    ['third', 2],
    ['street light', 0],
    ['Street Light Outage', 0],
    ['traffic signal', 1],
    ['the pothole one', 2],
    ['Report a pothole', 2],
    ['broken sign', 1],
    ['4', undefined],
    ['0', undefined],
    ['report', undefined],
    ['what about graffiti', undefined],
    ['', undefined],
  ];
  for (const [reply, expected] of cases) {
    it(`${JSON.stringify(reply)} -> ${expected === undefined ? 'none' : TITLES[expected]}`, () => {
      assert.equal(matchChoice(reply, TITLES), expected);
    });
  }
});

describe('short replies', () => {
  const table: [string, (t: string) => boolean, readonly string[], readonly string[]][] = [
    [
      'greeting',
      isGreeting,
      ['hi', 'Hello!', 'hey there', 'Buenos días', 'good morning'],
      ['hi my trash was missed', 'history'],
    ],
    ['menu', isMenuRequest, ['menu', 'HELP', 'what can you do?', 'ayuda'], ['help with my water bill']],
    ['cancel', isCancel, ['cancel', 'never mind', 'Nevermind.', 'cancelar'], ['cancel my parking permit']],
    ['yes', isYes, ['yes', 'Y', 'yeah', 'sí', 'ok', 'yes please'], ['yesterday', 'no']],
    ['no', isNo, ['no', 'Nope', 'no thanks', 'no gracias'], ['north', 'yes']],
  ];
  for (const [name, test, positives, negatives] of table) {
    it(`recognises ${name} and nothing longer`, () => {
      for (const p of positives) assert.ok(test(p), `${name}: ${p}`);
      for (const n of negatives) assert.ok(!test(n), `not ${name}: ${n}`);
    });
  }
});
