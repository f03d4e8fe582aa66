import assert from 'node:assert/strict';
import { VocabularyMatcher } from '../../../understanding/search/vocabulary-matcher.js';

describe("VocabularyMatcher (typos and sound-alikes against the articles' words)", () => {
  const words = new Map(
    ['heat', 'light', 'street', 'license', 'neighbors', 'music', 'stick'].map((w) => [w, w] as const),
  );
  const matcher = new VocabularyMatcher(words);
  const corrected: [typed: string, meant: string][] = [
    ['heet', 'heat'],
    ['stret', 'street'],
    ['lisence', 'license'],
    ['naybors', 'neighbors'],
    ['musik', 'music'],
    ['lite', 'light'],
  ];
  for (const [typed, meant] of corrected) {
    it(`reads "${typed}" as "${meant}"`, () => assert.equal(matcher.match(typed)?.word, meant));
  }
  for (const word of ['heart', 'stock', 'beer']) {
    it(`leaves the real word "${word}" alone`, () => assert.equal(matcher.match(word), undefined));
  }
});
