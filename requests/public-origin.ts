import type { Request } from 'express';

/** A host name, IPv4 or [IPv6] address, with an optional port: nothing that could add a path or a second URL. */
const HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin clients reach this server at, for every absolute URL it hands out
 * (Direct Line stream URLs, media links, Open311 discovery): PUBLIC_URL when it
 * is set; otherwise the request's own scheme and host as express sees them
 * through `trust proxy` (TRUST_PROXY), so X-Forwarded-Proto and X-Forwarded-Host
 * count only when a trusted proxy sent them. A Host that is not a plain host
 * name gives `localhost` rather than a link to somewhere else.
 *
 * It lives in requests/, the lowest layer that serves HTTP, so the Open311
 * router and the channels share it.
 */
export function publicOrigin(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const scheme = req.protocol === 'https' ? 'https' : 'http';
  // Express 5: `req.host` is X-Forwarded-Host from a trusted proxy, else the Host header (port kept).
  const host = req.host;
  return `${scheme}://${host && HOST.test(host) ? host : 'localhost'}`;
}
