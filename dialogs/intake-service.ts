import type { CatalogService } from '../knowledge/catalog-types.js';
import { SlotSpeller } from '../understanding/slots/spelling.js';
import type { IntakeCatalog } from './intake-ports.js';

/**
 * Picks the catalog service a resident's words name ("pothole", "street light
 * out", "graffiti on my wall") by the service's keywords and name. Used when an
 * intake starts without a service (e.g. "I want to report a problem"), and to
 * check the service the knowledge search picked against the one the words name.
 *
 * A phrase's words count by how few services use them: "alley light" (alley is
 * the alley light's word alone) outweighs "light out" (light is shared by street,
 * alley and traffic lights). Misspelt words are read as the catalog's own
 * words first ("manhol cover" -> manhole cover, "abandond" -> abandoned).
 */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);

const sameWord = (a: string, b: string): boolean => a === b || a === `${b}s` || `${a}s` === b;

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (phrase.every((w, k) => sameWord(haystack[i + k]!, w))) return true;
  }
  return false;
}

interface Vocabulary {
  /** Each service's phrases, as words. */
  readonly phrases: ReadonlyMap<CatalogService, readonly (readonly string[])[]>;
  /** How many services' phrases use a word. */
  readonly spread: ReadonlyMap<string, number>;
  readonly speller: SlotSpeller;
}

const vocabularies = new WeakMap<readonly CatalogService[], Vocabulary>();
function vocabularyOf(services: readonly CatalogService[]): Vocabulary {
  let vocabulary = vocabularies.get(services);
  if (vocabulary) return vocabulary;
  const phrases = new Map(
    services.map((s) => [s, [s.name, s.code.replace(/-/g, ' '), ...s.keywords].map(words)] as const),
  );
  const spread = new Map<string, number>();
  for (const list of phrases.values())
    for (const w of new Set(list.flat())) spread.set(w, (spread.get(w) ?? 0) + 1);
  vocabulary = { phrases, spread, speller: new SlotSpeller(spread.keys()) };
  vocabularies.set(services, vocabulary);
  return vocabulary;
}

export interface ServiceMatch {
  readonly service: CatalogService;
  readonly score: number;
  /** The most words of one phrase the text holds ("abandoned house": 2). */
  readonly longest: number;
}

/** The service the words name best, with how strongly; undefined when they name none. */
export function serviceNamed(
  catalog: Pick<IntakeCatalog, 'services'>,
  text: string,
): ServiceMatch | undefined {
  const vocabulary = vocabularyOf(catalog.services);
  const said = words(text).map((w) => vocabulary.speller.word(w, false));
  let best: ServiceMatch | undefined;
  for (const [service, phrases] of vocabulary.phrases) {
    let score = 0;
    let longest = 0;
    for (const phrase of phrases) {
      if (!containsPhrase(said, phrase)) continue;
      score += phrase.reduce((sum, w) => sum + 1 / (vocabulary.spread.get(w) ?? 1), 0);
      longest = Math.max(longest, phrase.length);
    }
    if (score > 0 && (!best || score > best.score)) best = { service, score, longest };
  }
  return best;
}

export function matchService(
  catalog: Pick<IntakeCatalog, 'services'>,
  text: string,
): CatalogService | undefined {
  return serviceNamed(catalog, text)?.service;
}
