import { Marked } from 'marked';
import type { Article } from '../../knowledge/types.js';
import { escapeHtml, html, page, SafeHtml } from './html.js';

/**
 * Markdown to HTML for the published knowledge base. Raw HTML in an article is
 * shown as text, and only http(s), mailto, tel and relative links are kept.
 */
const markdown = new Marked({
  gfm: true,
  renderer: {
    html(token) {
      return escapeHtml(token.text);
    },
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      const href = token.href.trim();
      if (!/^(https?:|mailto:|tel:|\/(?!\/)|#)/i.test(href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title}>${text}</a>`;
    },
    image(token) {
      return escapeHtml(token.text);
    },
  },
});

export function renderMarkdown(text: string): SafeHtml {
  return new SafeHtml(markdown.parse(text, { async: false }));
}

const KIND_LABEL: Record<Article['kind'], string> = {
  info: 'Information',
  service: 'Service request',
  both: 'Information and service request',
};

export function kbIndexPage(cityName: string, articles: readonly Article[]): string {
  const sorted = [...articles].sort((a, b) => a.title.localeCompare(b.title));
  return page({
    cityName,
    title: 'Answers',
    current: 'kb',
    main: html`<h1>Answers from ${cityName} 311</h1>
<p>Every answer the chat gives comes from these pages.</p>
<ul class="kb-list">
${sorted.map(
  (
    a,
  ) => html`<li><a href="/kb/${encodeURIComponent(a.id)}">${a.title}</a> <span class="kb-kind">${KIND_LABEL[a.kind]}</span></li>
`,
)}</ul>`,
  });
}

export function kbArticlePage(cityName: string, article: Article): string {
  return page({
    cityName,
    title: article.title,
    current: 'kb',
    main: html`<nav aria-label="Breadcrumb" class="breadcrumb"><a href="/kb">All answers</a></nav>
<article class="kb-article">
<h1>${article.title}</h1>
<div class="kb-answer">${renderMarkdown(article.answer)}</div>
${renderMarkdown(article.body)}
${article.kind === 'info' ? '' : html`<p class="kb-cta"><a class="button" href="/">Report it in the chat</a></p>`}
</article>`,
  });
}

export function notFoundPage(cityName: string): string {
  return page({
    cityName,
    title: 'Not found',
    current: 'kb',
    main: html`<h1>Page not found</h1><p>That page does not exist. <a href="/kb">See all answers</a>.</p>`,
  });
}
