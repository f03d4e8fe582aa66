import type { CatalogService } from '../knowledge/catalog-types.js';
import type { IntakeCatalog } from './intake-ports.js';

/**
 * Picks the catalog service a resident's words name ("pothole", "street light
 * out", "graffiti on my wall") by the service's keywords and name. Used when an
 * intake starts without a service (e.g. "I want to report a problem").
 */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (
      phrase.every(
        (w, k) => haystack[i + k] === w || haystack[i + k] === `${w}s` || `${haystack[i + k]}s` === w,
      )
    ) {
      return true;
    }
  }
  return false;
}

export function matchService(
  catalog: Pick<IntakeCatalog, 'services'>,
  text: string,
): CatalogService | undefined {
  const said = words(text);
  let best: { service: CatalogService; score: number } | undefined;
  for (const service of catalog.services) {
    const phrases = [service.name, service.code.replace(/-/g, ' '), ...service.keywords].map(words);
    // Longer matching phrases count more: "street light" beats "light".
    const score = phrases.reduce((sum, p) => sum + (containsPhrase(said, p) ? p.length : 0), 0);
    if (score > 0 && (!best || score > best.score)) best = { service, score };
  }
  return best?.service;
}
