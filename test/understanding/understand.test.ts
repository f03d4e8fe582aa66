import assert from 'node:assert/strict';
import { loadArticles } from '../../knowledge/index.js';
import type { KnowledgeSearch } from '../../knowledge/types.js';
import {
  createKnowledgeSearch,
  languageByWords,
  languageOf,
  loadLanguageDetector,
  TEXT_SPEAK,
  understand,
} from '../../understanding/index.js';

describe('understand (the one entry point from text to meaning)', () => {
  let search: KnowledgeSearch;
  before(async () => {
    search = createKnowledgeSearch(await loadArticles());
  });

  it('cleans the text, names the language and ranks the same topics as the search', () => {
    const message = 'Wen do u pick up my TRASH?? 🗑️';
    const understood = understand(message, { search });
    assert.equal(understood.text, 'when do you pick up my trash');
    assert.deepEqual(understood.words, ['when', 'do', 'you', 'pick', 'up', 'my', 'trash']);
    assert.equal(understood.language, 'en');
    assert.deepEqual(understood.topics, search.search(message));
    assert.equal(understood.topics.hits[0]?.topic, 'trash-collection-day');
  });

  it('reads a Spanish question as Spanish and finds its topic', () => {
    const understood = understand('¿Qué día pasa el camión de la basura?', { search });
    assert.equal(understood.language, 'es');
    assert.equal(understood.topics.hits[0]?.topic, 'trash-collection-day');
  });

  it('has one text-speak table, where "r" is "are"', () => {
    assert.equal(TEXT_SPEAK.get('r'), 'are');
    assert.equal(understand('r u open 2day', { search }).text, 'are you open today');
  });
});

describe('languageOf', () => {
  it('reads a few words by their function words', () => {
    assert.equal(languageByWords('no heat'), 'en');
    assert.equal(languageByWords('hay un bache en la calle'), 'es');
    assert.equal(languageByWords('¿basura?'), 'es');
  });

  it('reads a sentence with eld, and a few words by their function words even with eld loaded', async () => {
    const detector = await loadLanguageDetector();
    assert.equal(await loadLanguageDetector(), detector, 'loaded once');
    // To the function words "ya" is text-speak for "you": only eld tells.
    assert.equal(languageOf('ya no quiero seguir viviendo', detector), 'es');
    assert.equal(languageOf('the streetlight outside flickers every night', detector), 'en');
    // eld alone reads "no heat" as Spanish; under 20 characters the words decide.
    assert.equal(languageOf('no heat', detector), 'en');
  });
});
