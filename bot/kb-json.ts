import type { Article } from '../knowledge/types.js';

/** One article as `GET /api/kb` and `npm run kb:export` publish it. */
export interface KbEntry {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly questions: readonly string[];
  readonly keywords: readonly string[];
  readonly answer: string;
  readonly body: string;
}

/** The knowledge base as published JSON: the same fields, in the same order, for every consumer. */
export function toKbJson(articles: readonly Article[]): KbEntry[] {
  return articles.map((a) => ({
    id: a.id,
    title: a.title,
    kind: a.kind,
    questions: [...a.questions],
    keywords: [...a.keywords],
    answer: a.answer,
    body: a.body,
  }));
}
