import assert from 'node:assert/strict';
import { html } from '../../../channels/web/html.js';
import { kbArticlePage, renderMarkdown } from '../../../channels/web/kb-pages.js';
import type { Article, TopicId } from '../../../knowledge/types.js';

function article(overrides: Partial<Article> = {}): Article {
  return {
    id: 'pothole' as TopicId,
    title: 'Report a pothole',
    kind: 'both',
    questions: [],
    keywords: [],
    answer: 'Potholes are fixed in **3 business days**.',
    body: '',
    file: 'pothole.md',
    ...overrides,
  };
}

describe('Knowledge base pages', () => {
  it('renders Markdown but shows raw HTML in an article as text', () => {
    const out = renderMarkdown('Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>').value;
    assert.ok(!out.includes('<script'), out);
    assert.ok(!out.includes('<img'), out);
    assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('keeps web, mail and phone links and drops script links', () => {
    const out = renderMarkdown(
      '[city](https://www.phila.gov) [bad](javascript:alert(1)) [call](tel:311)',
    ).value;
    assert.match(out, /<a href="https:\/\/www\.phila\.gov">city<\/a>/);
    assert.match(out, /<a href="tel:311">call<\/a>/);
    assert.ok(!out.includes('javascript:'), out);
    assert.match(out, /bad/);
  });

  it('escapes the title and the city name in the page frame', () => {
    const page = kbArticlePage('<b>Town</b>', article({ title: 'Potholes & <i>you</i>' }));
    assert.match(page, /<h1>Potholes &amp; &lt;i&gt;you&lt;\/i&gt;<\/h1>/);
    assert.match(page, /&lt;b&gt;Town&lt;\/b&gt;/);
    assert.match(page, /<strong>3 business days<\/strong>/);
    assert.match(page, /href="\/"[^>]*>Report it in the chat/);
  });

  it('escapes interpolated values in the html template', () => {
    assert.equal(html`<p title="${'"x"'}">${'<b>'}</p>`.value, '<p title="&quot;x&quot;">&lt;b&gt;</p>');
  });
});
