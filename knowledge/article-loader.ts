import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { KnowledgeError } from './knowledge-error.js';
import { ARTICLE_KINDS, type Article, type ArticleKind, type ServiceCode, type TopicId } from './types.js';

/** The sample knowledge base that ships with the bot. */
export const DEFAULT_ARTICLES_DIR = fileURLToPath(new URL('./articles/', import.meta.url));

/** The first paragraph is sent as one SMS, so it has to fit. */
export const MAX_ANSWER_LENGTH = 300;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/**
 * Reads every `*.md` article in `dir` and validates the whole set, so a bad
 * article stops start-up with an error naming its file instead of surfacing
 * as a wrong answer later.
 */
export async function loadArticles(dir: string = DEFAULT_ARTICLES_DIR): Promise<Article[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new KnowledgeError('unreadable', dir, `cannot read the articles folder (${describe(error)})`);
  }
  if (names.length === 0) throw new KnowledgeError('no-articles', dir, 'no .md articles found');

  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      throw new KnowledgeError('unreadable', file, `cannot read the article (${describe(error)})`);
    }
    const article = parseArticle(source, file);
    const earlier = seen.get(article.id);
    if (earlier !== undefined) {
      throw new KnowledgeError(
        'duplicate-id',
        file,
        `id "${article.id}" is already used by ${basename(earlier)}`,
      );
    }
    seen.set(article.id, file);
    articles.push(article);
  }
  return articles;
}

/** Parses and validates one article's Markdown source; `file` is only used in errors. */
export function parseArticle(source: string, file: string): Article {
  const match = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ''));
  if (!match)
    throw new KnowledgeError('bad-front-matter', file, 'missing YAML front matter between --- lines');
  const [, yamlText = '', markdown = ''] = match;

  let meta: unknown;
  try {
    meta = parseYaml(yamlText);
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split('\n')[0] : describe(error);
    throw new KnowledgeError('bad-yaml', file, `front matter is not valid YAML: ${detail}`);
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new KnowledgeError('bad-front-matter', file, 'front matter must be a YAML mapping');
  }
  const fields = meta as Record<string, unknown>;

  const id = fields.id;
  if (typeof id !== 'string' || id.trim() === '') throw new KnowledgeError('missing-id', file, 'missing id');
  const kind = fields.kind;
  if (typeof kind !== 'string' || !(ARTICLE_KINDS as readonly string[]).includes(kind)) {
    throw new KnowledgeError(
      'unknown-kind',
      file,
      `unknown kind ${JSON.stringify(kind)} (expected ${ARTICLE_KINDS.join(', ')})`,
    );
  }
  const title = fields.title;
  if (typeof title !== 'string' || title.trim() === '') {
    throw new KnowledgeError('missing-title', file, 'missing title');
  }
  const service = fields.service;
  if (service !== undefined && (typeof service !== 'string' || service.trim() === '')) {
    throw new KnowledgeError('missing-service', file, 'service must be a non-empty service code');
  }
  if ((kind === 'both' || kind === 'service') && service === undefined) {
    throw new KnowledgeError('missing-service', file, `kind "${kind}" needs a service code`);
  }

  const { answer, body } = splitAnswer(markdown);
  if (answer === '') throw new KnowledgeError('empty-answer', file, 'the answer (first paragraph) is empty');
  if (answer.length > MAX_ANSWER_LENGTH) {
    throw new KnowledgeError(
      'answer-too-long',
      file,
      `the answer (first paragraph) has ${answer.length} characters; at most ${MAX_ANSWER_LENGTH} fit one SMS`,
    );
  }

  return {
    id: id.trim() as TopicId,
    title: title.trim(),
    kind: kind as ArticleKind,
    questions: stringList(fields.questions, 'questions', file),
    keywords: stringList(fields.keywords, 'keywords', file),
    ...(typeof service === 'string' ? { service: service.trim() as ServiceCode } : {}),
    answer,
    body,
    file,
  };
}

function splitAnswer(markdown: string): { answer: string; body: string } {
  const paragraphs = markdown.trim().split(/\r?\n[ \t]*\r?\n/);
  const first = paragraphs.shift() ?? '';
  return {
    answer: first
      .split(/\r?\n/)
      .map((line) => line.trim())
      .join(' ')
      .trim(),
    body: paragraphs.join('\n\n').trim(),
  };
}

function stringList(value: unknown, name: string, file: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new KnowledgeError('bad-front-matter', file, `${name} must be a list`);
  return value.map((item, i) => {
    if (typeof item === 'number') return String(item);
    if (typeof item !== 'string' || item.trim() === '') {
      throw new KnowledgeError('bad-front-matter', file, `${name}[${i}] must be non-empty text`);
    }
    return item.trim();
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
