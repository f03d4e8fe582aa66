import type { NextFunction, Request, Response } from 'express';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A string that is already HTML (built by `html` or the Markdown renderer). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Scripts only from our origin (no inline script, no eval); Web Chat injects
 * its styles at run time, so inline styles are allowed. blob: is where Web Chat
 * keeps a photo before uploading it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Security headers for every page we serve. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });
  next();
}

export interface PageOptions {
  readonly cityName: string;
  readonly title: string;
  readonly current: 'chat' | 'kb' | 'staff';
  readonly main: SafeHtml;
  readonly scripts?: readonly string[];
  readonly bodyClass?: string;
}

/** The page frame: header, navigation, main, footer. Mobile first; one stylesheet. */
export function page(options: PageOptions): string {
  const link = (href: string, label: string, key: PageOptions['current']) =>
    html`<a href="${href}"${options.current === key ? new SafeHtml(' aria-current="page"') : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} - ${options.cityName} 311</title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body class="${options.bodyClass ?? ''}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <p class="brand"><span class="brand-city">${options.cityName}</span> <span class="brand-311">311</span></p>
  <nav aria-label="Main">
    ${link('/', 'Chat', 'chat')}
    ${link('/kb', 'Answers', 'kb')}
  </nav>
</header>
<main id="main" tabindex="-1">
${options.main}
</main>
<footer class="site-footer">
  <p><strong>Emergency? Call 911.</strong> 311 is for non-emergency questions and service requests.</p>
  <p><a href="/kb">Browse all answers</a></p>
</footer>
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>
`.value;
}
