import assert from 'node:assert/strict';
import { type KnowledgeSearch, loadArticles } from '../../../knowledge/index.js';
import { createKnowledgeSearch } from '../../../understanding/index.js';

/**
 * Issue 12, through the real search over the shipped knowledge base: the questions
 * people ask most are answered outright, short misspelled messages find their service,
 * and chit-chat that shares one word with a service is not routed to it.
 */
describe('knowledge search: what residents type, not the test set', () => {
  let search: KnowledgeSearch;
  before(async () => {
    search = createKnowledgeSearch(await loadArticles());
  });

  const answered: [question: string, topic: string][] = [
    ['when is trash day', 'trash-collection-day'],
    ['when is garbage day', 'trash-collection-day'],
    ['what day is trash day', 'trash-collection-day'],
    ['smoke alarm', 'smoke-alarm'],
    ['pothole', 'pothole'],
    ['street light', 'street-light-outage'],
    ['bulk pickup', 'bulk-items'],
  ];
  for (const [question, topic] of answered) {
    it(`answers "${question}" directly with ${topic} (no "did you mean")`, () => {
      const result = search.search(question);
      assert.equal(result.outcome, 'answer', JSON.stringify(result.hits.slice(0, 3)));
      assert.equal(result.hits[0]?.topic, topic);
    });
  }

  const misspelled: [question: string, topic: string][] = [
    ['stret lite out', 'street-light-outage'],
    ['no heet in my apartmint', 'no-heat'],
    ['naybors musik 2 loud', 'noise-complaint'],
    ['need a rental lisence for my apt', 'rental-license'],
  ];
  for (const [question, topic] of misspelled) {
    it(`finds ${topic} for the misspelled "${question}"`, () => {
      const result = search.search(question);
      assert.notEqual(result.outcome, 'no-match', JSON.stringify(result.hits.slice(0, 3)));
      assert.equal(result.hits[0]?.topic, topic);
    });
  }

  for (const question of [
    'wats a good lite beer',
    'any good rat movies to watch with my kids',
    'is snow good for the garden',
    'my heart is broken, my girlfriend left me',
  ]) {
    it(`does not route the chit-chat "${question}" to a service`, () => {
      assert.equal(search.search(question).outcome, 'no-match');
    });
  }
});
