import assert from 'node:assert/strict';
import { isDictionaryWord } from '../../../understanding/index.js';

describe('isDictionaryWord (Hunspell English and Spanish)', () => {
  for (const word of ['heart', 'beer', 'movies', 'lite', 'broken', 'basura', 'farolas']) {
    it(`knows the real word "${word}"`, () => assert.equal(isDictionaryWord(word), true));
  }
  for (const word of ['stret', 'trsh', 'apartmint', 'heet', 'lisence', 'naybors']) {
    it(`takes "${word}" for a typo`, () => assert.equal(isDictionaryWord(word), false));
  }
});
