import assert from 'node:assert/strict';
import { normalizeText } from '../../../understanding/index.js';
import { analyze } from '../../../understanding/search/text-analyzer.js';
import { stem } from '../../../understanding/text/stemmer.js';

describe('normalizeText', () => {
  const cases: [input: string, expected: string][] = [
    ['Wen do u pick up my TRASH?? 🗑️', 'when do you pick up my trash'],
    ['pls fix ur streetlight 2morrow!!!', 'please fix your streetlight tomorrow'],
    // One text-speak table for every reader: `r` is "are" (it was "our" here and "are" in the emergency screen).
    ['r u open 2day', 'are you open today'],
    ['the lights r out n sum1 cnt see', 'the lights are out and someone can not see'],
    ['¿Dónde está la recolección?', 'donde esta la recoleccion'],
    ["The city's trash can't wait", 'the city trash can not wait'],
    ['@Philly311 #potholes everywhere 😡', 'philly311 potholes everywhere'],
    ['Room 167,   City Hall', 'room 167 city hall'],
    ['constructor toString', 'constructor tostring'],
    ['wh\u200Ben is tr\u200Dash pi\u00ADck\u2060up\uFEFF', 'when is trash pickup'],
    ['\u202Estreet\u202C\u2066light\u2069 \u200Fout', 'streetlight out'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeText(input), expected);
    });
  }
});

describe('stem', () => {
  it('gives the forms of one word the same stem', () => {
    for (const group of [
      ['collect', 'collected', 'collecting', 'collection'],
      ['remove', 'removed', 'removing'],
      ['stop', 'stopped', 'stopping'],
      ['tow', 'towed', 'towing'],
      ['move', 'moving', 'moved'],
      ['rate', 'rated'],
      ['property', 'properties'],
    ]) {
      assert.equal(new Set(group.map(stem)).size, 1, group.join(', '));
    }
  });
});

describe('analyze', () => {
  it('folds synonyms into one concept so garbage finds trash', () => {
    assert.deepEqual(analyze('garbage').terms, analyze('trash').terms);
    assert.deepEqual(analyze('rubbish').terms, analyze('trash').terms);
    assert.deepEqual(analyze('smoke detector').terms.slice(0, 2), analyze('smoke alarm').terms.slice(0, 2));
    assert.deepEqual(analyze('rodents').terms, analyze('rats').terms);
    assert.deepEqual(analyze('auto').terms, analyze('car').terms);
  });

  it('maps Spanish words to the English concepts', () => {
    assert.deepEqual(analyze('basura').terms, analyze('trash').terms);
    assert.ok(analyze('hay un bache en la calle').terms.includes(analyze('pothole').terms[0]!));
  });

  it('drops stopwords and house numbers but keeps 311', () => {
    assert.deepEqual(analyze('what is the number for 311 at 1234 Main').terms, [
      ...analyze('number').terms,
      '311',
      ...analyze('main').terms,
    ]);
  });
});
