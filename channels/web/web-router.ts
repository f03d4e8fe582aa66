import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express, { type Router } from 'express';
import type { Article } from '../../knowledge/types.js';
import type { DirectLine } from '../directline/index.js';
import { newConversationId, randomUserId } from '../directline/index.js';
import { html, page, securityHeaders } from './html.js';
import { kbArticlePage, kbIndexPage, notFoundPage } from './kb-pages.js';

const gzipAsync = promisify(gzip);

export const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** Web Chat's browser bundle from node_modules (the package exports only its main entry). */
export function webChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return path.join(path.dirname(main), '../dist/webchat.js');
}

/**
 * The Web Chat bundle is 3.9 MB; gzipped about a quarter of that, which matters
 * on a phone. Read and compressed once, on first use.
 */
function compressedOnce(file: string): () => Promise<{ plain: Buffer; gzip: Buffer }> {
  let loaded: Promise<{ plain: Buffer; gzip: Buffer }> | undefined;
  return () => {
    loaded ??= readFile(file).then(async (plain) => ({ plain, gzip: await gzipAsync(plain, { level: 9 }) }));
    return loaded;
  };
}

/** A few answers to show beside the chat; the knowledge base decides which exist. */
const FEATURED = ['trash-collection-day', 'pothole', 'smoke-alarm', 'property-tax', 'towed-vehicle'];

export interface WebRouterDeps {
  readonly cityName: string;
  readonly articles: readonly Article[];
  readonly directLine: Pick<DirectLine, 'tokens' | 'uploads'>;
}

/** The resident pages: the chat, the published knowledge base, assets, photos and the Web Chat token. */
export function createWebRouter(deps: WebRouterDeps): Router {
  const { cityName, articles } = deps;
  const byId = new Map(articles.map((a) => [String(a.id), a]));
  const router = express.Router();

  router.use(
    '/assets',
    securityHeaders,
    express.static(PUBLIC_DIR, { index: false, fallthrough: true, maxAge: '1h' }),
  );
  const bundle = compressedOnce(webChatBundlePath());
  router.get('/assets/webchat.js', securityHeaders, async (req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=86400', Vary: 'Accept-Encoding' }).type('js');
    const { plain, gzip } = await bundle();
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) res.set('Content-Encoding', 'gzip').send(gzip);
    else res.send(plain);
  });

  router.get('/', securityHeaders, (_req, res) => {
    res.type('html').send(residentPage(cityName, articles, byId));
  });
  router.get('/kb', securityHeaders, (_req, res) => {
    res.type('html').send(kbIndexPage(cityName, articles));
  });
  router.get('/kb/:id', securityHeaders, (req, res) => {
    const article = byId.get(String(req.params.id));
    if (!article) {
      res.status(404).type('html').send(notFoundPage(cityName));
      return;
    }
    res.type('html').send(kbArticlePage(cityName, article));
  });

  /** Same-origin token for the resident page: one new conversation per page load. */
  router.post('/api/webchat/token', (_req, res) => {
    const issued = deps.directLine.tokens.issue({
      conversationId: newConversationId(),
      userId: randomUserId(),
      staff: false,
    });
    res.set('Cache-Control', 'no-store').json(issued);
  });

  router.get('/media/:name', securityHeaders, async (req, res) => {
    const photo = await deps.directLine.uploads.read(String(req.params.name));
    if (!photo) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such photo.' } });
      return;
    }
    res
      .set({ 'Content-Type': photo.contentType, 'Cache-Control': 'private, max-age=86400' })
      .send(photo.bytes);
  });

  return router;
}

function residentPage(cityName: string, articles: readonly Article[], byId: Map<string, Article>): string {
  const featured = FEATURED.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
  const shown = featured.length > 0 ? featured : articles.slice(0, 5);
  return page({
    cityName,
    title: 'Chat',
    current: 'chat',
    bodyClass: 'chat-page',
    scripts: ['/assets/webchat.js', '/assets/chat-setup.js', '/assets/resident.js'],
    main: html`<section class="chat" aria-labelledby="chat-title">
  <h1 id="chat-title">Ask ${cityName} 311</h1>
  <p class="intro">Ask a question or report a problem, like a pothole or a missed trash pickup. You get a tracking number for every request.</p>
  <div id="webchat" class="webchat" role="region" aria-label="Chat with ${cityName} 311"><p class="chat-loading">Loading the chat…</p></div>
  <div class="chat-tools">
    <button type="button" id="share-location" class="button">Share my location</button>
    <p id="location-status" class="tool-status" role="status" aria-live="polite"></p>
  </div>
</section>
<nav class="popular" aria-label="Popular answers">
  <h2>Popular answers</h2>
  <ul>${shown.map((a) => html`<li><a href="/kb/${encodeURIComponent(a.id)}">${a.title}</a></li>`)}</ul>
  <p><a href="/kb">All answers</a></p>
</nav>
<noscript><p>The chat needs JavaScript. You can still <a href="/kb">read every answer</a>.</p></noscript>`,
  });
}
