import assert from 'node:assert/strict';
import { type Article, loadArticles } from '../../../knowledge/index.js';
import {
  createKnowledgeSearch,
  type KnowledgeSearchEngine,
} from '../../../understanding/search/search-engine.js';
import { baseForms, wordnetRelated } from '../../../understanding/search/wordnet-related.js';

/**
 * Issue 12: a resident who describes a need in words no article uses ("settee",
 * "lantern", "warmth") still reaches the service, through the WordNet table
 * scripts/build-search-wordnet.ts generates; chit-chat that only shares such a word is not routed.
 */
describe('WordNet expansion of the search', () => {
  describe('the generated table', () => {
    it('takes a word the articles never use to the key terms it means', () => {
      assert.ok(wordnetRelated('settee').includes('couch'));
      assert.ok(wordnetRelated('lantern').includes('lamp'));
      assert.ok(wordnetRelated('warmth').includes('heat'));
    });

    it('finds inflected forms through their base form', () => {
      assert.ok(wordnetRelated('lanterns').includes('lamp'));
      assert.ok(wordnetRelated('furnishings').includes('furniture'));
      assert.ok(baseForms('illuminated').includes('illuminate'));
    });

    it('leaves out rare senses and the words the articles already use', () => {
      // "sky" the verb (to throw high) is too rare a use of the word to count.
      assert.deepEqual(wordnetRelated('sky'), []);
      // "couch" is an article word already: nothing to stand in for.
      assert.deepEqual(wordnetRelated('couch'), []);
    });
  });

  describe('through the real search', () => {
    let articles: Article[];
    let search: KnowledgeSearchEngine;
    let plain: KnowledgeSearchEngine;
    before(async () => {
      articles = await loadArticles();
      search = createKnowledgeSearch(articles);
      plain = createKnowledgeSearch(articles, { wordnetWeight: 0 });
    });

    const described: [question: string, topic: string][] = [
      ['a settee was left in the alley behind my building', 'illegal-dumping'],
      ['the lantern on our corner has gone out', 'street-light-outage'],
      ['my home lacks warmth and the owner will not respond', 'no-heat'],
    ];
    for (const [question, topic] of described) {
      it(`answers "${question}" with ${topic}, which it could not without WordNet`, () => {
        const result = search.search(question);
        assert.equal(result.outcome, 'answer', JSON.stringify(result.hits.slice(0, 3)));
        assert.equal(result.hits[0]?.topic, topic);
        assert.notEqual(plain.search(question).outcome, 'answer');
      });
    }

    const chitChat = [
      'my favorite lantern festival is next month',
      "what's the best bike for a beginner",
      'what a beautiful sky tonight',
    ];
    for (const question of chitChat) {
      it(`does not route the chit-chat "${question}" to a service`, () => {
        assert.equal(search.search(question).outcome, 'no-match');
      });
    }

    it('answers the most-asked questions outright still', () => {
      for (const [question, topic] of [
        ['when is trash day', 'trash-collection-day'],
        ['smoke alarm', 'smoke-alarm'],
        ['pothole', 'pothole'],
        ['street light out', 'street-light-outage'],
        ['bulk pickup', 'bulk-items'],
      ] as const) {
        const result = search.search(question);
        assert.equal(result.outcome, 'answer', question);
        assert.equal(result.hits[0]?.topic, topic, question);
      }
    });
  });
});
