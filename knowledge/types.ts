/**
 * The knowledge base's public types. Ids that cross boundaries are branded so
 * a topic id, a service code and a tracking number cannot be mixed up.
 */
export type TopicId = string & { readonly __brand: 'TopicId' };
export type ServiceCode = string & { readonly __brand: 'ServiceCode' };

export const ARTICLE_KINDS = ['info', 'service', 'both'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** One knowledge-base article: a Markdown file with YAML front matter. */
export interface Article {
  readonly id: TopicId;
  readonly title: string;
  readonly kind: ArticleKind;
  /** Alternate phrasings residents use, a few in Spanish. */
  readonly questions: readonly string[];
  readonly keywords: readonly string[];
  /** For kind "service"/"both": the service code the bot files for this topic. */
  readonly service?: ServiceCode;
  /** First paragraph: fits one SMS (<= 300 characters) and stands alone. */
  readonly answer: string;
  /** The rest of the Markdown, for web. May be empty. */
  readonly body: string;
  /** Path of the source file, for error messages and the staff console. */
  readonly file: string;
}

/** Which part of an article a hit matched, so staff can see why an answer came. */
export type MatchedField = 'title' | 'question' | 'keyword' | 'body';

export interface SearchHit {
  readonly topic: TopicId;
  /** Calibrated confidence, 0..1. */
  readonly score: number;
  readonly field: MatchedField;
  /** The text of the field that matched best (e.g. the example question). */
  readonly matched: string;
}

export type SearchOutcome = 'answer' | 'clarify' | 'no-match';

export interface SearchResult {
  readonly outcome: SearchOutcome;
  /** Ranked best first; empty for no-match only when nothing came near. */
  readonly hits: readonly SearchHit[];
}

export interface KnowledgeSearch {
  search(question: string): SearchResult;
}
