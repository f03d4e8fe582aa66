import type {
  Article,
  KnowledgeSearch,
  SearchHit,
  SearchResult,
  ServiceCode,
  TopicId,
} from '../../knowledge/types.js';

/** An article with sensible defaults; override what a test cares about. */
export function makeArticle(id: string, overrides: Partial<Omit<Article, 'id'>> = {}): Article {
  const kind = overrides.kind ?? 'info';
  return {
    id: id as TopicId,
    title: `About ${id.replace(/-/g, ' ')}`,
    kind,
    questions: [],
    keywords: [],
    ...(kind !== 'info' ? { service: id as ServiceCode } : {}),
    answer: `Answer about ${id.replace(/-/g, ' ')}.`,
    body: '',
    file: `${id}.md`,
    ...overrides,
  };
}

export function hit(topic: string, score: number, matched = topic): SearchHit {
  return { topic: topic as TopicId, score, field: 'question', matched };
}

/**
 * A search whose results a test scripts by question (lower-cased, trimmed):
 * dialog tests check routing, not ranking. Anything unscripted is a no-match.
 */
export function scriptedSearch(script: Readonly<Record<string, SearchResult>>): KnowledgeSearch & {
  readonly asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    search(question: string): SearchResult {
      asked.push(question);
      return script[question.trim().toLowerCase()] ?? { outcome: 'no-match', hits: [] };
    },
  };
}
