/** Stable codes for what can be wrong with the knowledge base. Branch on `code`, never on the message. */
export const KNOWLEDGE_ERROR_CODES = [
  'unreadable',
  'bad-yaml',
  'bad-front-matter',
  'missing-id',
  'duplicate-id',
  'unknown-kind',
  'missing-title',
  'missing-service',
  'empty-answer',
  'answer-too-long',
  'no-articles',
] as const;
export type KnowledgeErrorCode = (typeof KNOWLEDGE_ERROR_CODES)[number];

/** A knowledge-base file that cannot be served; the message names the file. */
export class KnowledgeError extends Error {
  readonly code: KnowledgeErrorCode;
  readonly file: string;

  constructor(code: KnowledgeErrorCode, file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'KnowledgeError';
    this.code = code;
    this.file = file;
  }
}
