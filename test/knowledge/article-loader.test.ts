import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeError, type KnowledgeErrorCode, loadArticles } from '../../knowledge/index.js';

const GOOD = fileURLToPath(new URL('../fixtures/articles/good/', import.meta.url));

/** A valid article's source with any front-matter line or the Markdown replaced. */
function article(overrides: { front?: Record<string, string | undefined>; markdown?: string } = {}): string {
  const front: Record<string, string | undefined> = {
    id: 'pothole',
    title: 'Report a pothole',
    kind: 'both',
    service: 'pothole',
    questions: '[how do i report a pothole]',
    keywords: '[pothole]',
    ...overrides.front,
  };
  const lines = Object.entries(front)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  const markdown =
    overrides.markdown ?? 'Potholes are repaired within 3 business days.\n\nMore detail for the web.';
  return `---\n${lines.join('\n')}\n---\n${markdown}\n`;
}

describe('loadArticles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'articles-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function expectFailure(files: Record<string, string>, code: KnowledgeErrorCode, file: string) {
    for (const [name, source] of Object.entries(files)) await writeFile(join(dir, name), source);
    await assert.rejects(loadArticles(dir), (error: unknown) => {
      assert.ok(error instanceof KnowledgeError, `expected a KnowledgeError, got ${String(error)}`);
      assert.equal(error.code, code);
      assert.ok(error.message.includes(file), `message "${error.message}" should name ${file}`);
      return true;
    });
  }

  it('reads every article with its answer (first paragraph) and web body', async () => {
    const articles = await loadArticles(GOOD);
    assert.equal(articles.length, 7);
    const pothole = articles.find((a) => a.id === 'pothole');
    assert.ok(pothole);
    assert.equal(pothole.kind, 'both');
    assert.equal(pothole.service, 'pothole');
    assert.equal(pothole.answer, 'Potholes are repaired within 3 business days of a report.');
    assert.deepEqual(pothole.keywords, ['pothole', 'crater', 'road damage']);
    assert.ok(pothole.questions.includes('hay un bache en mi calle'));
    const trash = articles.find((a) => a.id === 'trash-day');
    assert.equal(trash?.body, 'Put bags and cans out the night before.');
    assert.equal(trash?.service, undefined);
  });

  it('fails on a missing id, naming the file', async () => {
    await expectFailure({ 'no-id.md': article({ front: { id: undefined } }) }, 'missing-id', 'no-id.md');
  });

  it('fails on a duplicate id, naming the second file and the first', async () => {
    await writeFile(join(dir, 'a.md'), article());
    await writeFile(join(dir, 'b.md'), article());
    await assert.rejects(loadArticles(dir), (error: unknown) => {
      assert.ok(error instanceof KnowledgeError);
      assert.equal(error.code, 'duplicate-id');
      assert.match(error.message, /b\.md.*"pothole".*a\.md/);
      return true;
    });
  });

  it('fails on an unknown kind', async () => {
    await expectFailure({ 'odd.md': article({ front: { kind: 'faq' } }) }, 'unknown-kind', 'odd.md');
  });

  it('fails on an empty answer', async () => {
    await expectFailure({ 'empty.md': article({ markdown: '   ' }) }, 'empty-answer', 'empty.md');
  });

  it('fails when the answer would not fit one SMS', async () => {
    const long = `${'Potholes are repaired quickly. '.repeat(11)}`;
    await expectFailure({ 'long.md': article({ markdown: long }) }, 'answer-too-long', 'long.md');
  });

  it('fails on a service topic without a service code', async () => {
    await expectFailure(
      { 'nosvc.md': article({ front: { service: undefined } }) },
      'missing-service',
      'nosvc.md',
    );
  });

  it('fails on front matter that is not YAML', async () => {
    await expectFailure(
      { 'bad.md': article({ front: { questions: '[unclosed, list' } }) },
      'bad-yaml',
      'bad.md',
    );
  });

  it('fails on a file without front matter', async () => {
    await expectFailure({ 'plain.md': 'Just text.\n' }, 'bad-front-matter', 'plain.md');
  });

  it('fails on an empty folder rather than serving no answers', async () => {
    await assert.rejects(
      loadArticles(dir),
      (error: unknown) => error instanceof KnowledgeError && error.code === 'no-articles',
    );
  });
});
