import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { type Article, type KnowledgeSearch, loadArticles } from '../../../knowledge/index.js';
import { createKnowledgeSearch } from '../../../understanding/index.js';

const GOOD = fileURLToPath(new URL('../../fixtures/articles/good/', import.meta.url));

describe('createKnowledgeSearch (fixture articles)', () => {
  let articles: Article[];
  let search: KnowledgeSearch;
  before(async () => {
    articles = await loadArticles(GOOD);
    search = createKnowledgeSearch(articles);
  });

  const answers: [question: string, topic: string][] = [
    ['When is garbage pickup on my street?', 'trash-day'],
    ['my rubbish wasnt picked up today!!', 'missed-pickup'],
    ['huge pohtole on my streeet pleas fix', 'pothole'],
    ['Hay un bache enorme frente a mi casa', 'pothole'],
    ['I keep seeing rodents by the dumpster', 'rodents'],
    ['can i get a free smoke detector installed', 'smoke-alarm'],
    ['theres an auto w no plates parked 4ever', 'abandoned-car'],
    ['wen is the libary open 2morrow', 'library'],
  ];
  for (const [question, topic] of answers) {
    it(`answers "${question}" with ${topic}`, () => {
      const result = search.search(question);
      assert.equal(result.hits[0]?.topic, topic, JSON.stringify(result.hits.slice(0, 3)));
      assert.notEqual(result.outcome, 'no-match');
    });
  }

  for (const question of ['is the stock market up or down today', 'what is the capital of Australia', '']) {
    it(`finds nothing for out-of-scope "${question}"`, () => {
      assert.equal(search.search(question).outcome, 'no-match');
    });
  }

  it('ranks hits best first with a confidence between 0 and 1 and the evidence that matched', () => {
    const { hits } = search.search('can i get a free smoke detector');
    assert.ok(hits.length >= 1);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
    for (const hit of hits) assert.ok(hit.score >= 0 && hit.score <= 1);
    const smoke = articles.find((a) => a.id === 'smoke-alarm')!;
    assert.equal(hits[0]?.topic, 'smoke-alarm');
    assert.ok(
      [smoke.title, ...smoke.questions, ...smoke.keywords].includes(hits[0]!.matched),
      hits[0]!.matched,
    );
    assert.notEqual(hits[0]?.field, 'body');
  });

  it('asks which one is meant when two topics fit equally', () => {
    const result = search.search('car on the pothole');
    assert.equal(result.outcome, 'clarify');
    assert.deepEqual(
      new Set(result.hits.slice(0, 2).map((h) => h.topic)),
      new Set(['pothole', 'abandoned-car']),
    );
  });

  it('takes a bare "trash" for the schedule, not a missed pickup (no sign anything was missed)', () => {
    assert.equal(search.search('trash').hits[0]?.topic, 'trash-day');
    assert.equal(search.search('trash missed').hits[0]?.topic, 'missed-pickup');
  });
});

describe('knowledge search over the shipped articles', () => {
  let articles: Article[];
  let search: KnowledgeSearch;
  before(async () => {
    articles = await loadArticles();
    search = createKnowledgeSearch(articles);
  });

  it('finds every article by its own title', () => {
    for (const article of articles) {
      const result = search.search(article.title);
      assert.notEqual(result.outcome, 'no-match', article.title);
      assert.equal(result.hits[0]?.topic, article.id, article.title);
    }
  });

  it("leads to the right article for at least 95% of the articles' own example questions", () => {
    const questions = articles.flatMap((a) => a.questions.map((q) => [a.id, q] as const));
    const right = questions.filter(([id, q]) => {
      const result = search.search(q);
      return result.outcome !== 'no-match' && result.hits[0]?.topic === id;
    });
    assert.ok(right.length >= 0.95 * questions.length, `${right.length} of ${questions.length}`);
  });

  const resident: [question: string, topic: string][] = [
    ['wen is my trash picked up', 'trash-collection-day'],
    ['my garbage wasnt collected 2day', 'missed-collection'],
    ['the smoke detector in my hallway keeps chirping, can i get a new one free', 'smoke-alarm'],
    ['¿Dónde puedo pagar mi factura de agua?', 'water-bill'],
    ['mattress dumped in the alley behind my house', 'illegal-dumping'],
    ['Street light out on the corner, pole 1147', 'street-light-outage'],
    ['trash day', 'trash-collection-day'],
  ];
  for (const [question, topic] of resident) {
    it(`routes "${question}" to ${topic}`, () => {
      const result = search.search(question);
      assert.notEqual(result.outcome, 'no-match');
      assert.equal(result.hits[0]?.topic, topic, JSON.stringify(result.hits.slice(0, 2)));
    });
  }

  for (const question of [
    'who won the game last night',
    'should i buy bitcoin right now',
    'what is the speed of light',
  ]) {
    it(`does not pretend to know "${question}"`, () => {
      assert.equal(search.search(question).outcome, 'no-match');
    });
  }
});
