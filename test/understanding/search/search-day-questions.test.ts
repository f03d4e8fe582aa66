import assert from 'node:assert/strict';
import { type KnowledgeSearch, loadArticles } from '../../../knowledge/index.js';
import { createKnowledgeSearch } from '../../../understanding/index.js';

/*
 * Asking for a collection or cleaning day is not reporting a missed one: the
 * state topics (missed collection, holiday schedule) need a sign of that state.
 */
describe('knowledge search: schedule questions versus missed-collection reports', () => {
  let search: KnowledgeSearch;
  before(async () => {
    search = createKnowledgeSearch(await loadArticles());
  });

  const table: [question: string, topic: string][] = [
    ['Trash pickup day', 'trash-collection-day'],
    ['what day do they pick up garbage', 'trash-collection-day'],
    ['garbage collection day for my street?', 'trash-collection-day'],
    ['qué día es la recolección de basura', 'trash-collection-day'],
    ['street sweeping day', 'street-cleaning'],
    ['my garbage was not picked up', 'missed-collection'],
    ['trash pickup skipped our block', 'missed-collection'],
    ['no recogieron la basura ayer', 'missed-collection'],
    ['trash schedule on a holiday week', 'trash-holiday-schedule'],
  ];
  for (const [question, topic] of table) {
    it(`"${question}" -> ${topic}`, () => {
      const result = search.search(question);
      assert.equal(result.outcome, 'answer', JSON.stringify(result.hits.slice(0, 3)));
      assert.equal(result.hits[0]?.topic, topic, JSON.stringify(result.hits.slice(0, 3)));
    });
  }
});
