import { normalizeText } from './normalize.js';
import type { SearchIndex } from './search-index.js';
import { analyze, isWeakTerm } from './text-analyzer.js';
import type { VocabularyMatcher } from './vocabulary-matcher.js';

/** The ranking half of the tuning (see SearchTuning). */
export interface RankTuning {
  readonly phraseWeight: number;
  readonly phraseCoveragePower: number;
  readonly fuzzyPenalty: number;
  readonly weakTermWeight: number;
  /** Share of weight a term loses by the end of a long message (the subject usually comes first). */
  readonly positionDecay: number;
  /** Share of an unknown word's would-be weight that counts against coverage. */
  readonly unknownWeight: number;
  /**
   * A message that states a problem ("mattress dumped on the sidewalk") rather
   * than asking something wants a report taken: topics that take service
   * requests get their score multiplied by 1 + reportBoost.
   */
  readonly reportBoost: number;
}

const QUESTION_START =
  /^(how|what|when|where|who|whom|which|why|whats|is|are|am|can|could|do|does|did|will|would|should|may|shall|have|has|any|tell|help|need|como|donde|cuando|que|quien|cual|puedo|hay)\b/;
const QUESTION_WORD =
  /\b(how|what|when|where|who|which|why|how do|can i|do i|is there|are there|como|donde|cuando)\b/;

/** Whether a message reads as a statement of a problem rather than a question. */
export function isReportStyle(message: string): boolean {
  if (message.includes('?')) return false;
  const normal = normalizeText(message);
  if (QUESTION_START.test(normal)) return false;
  return !QUESTION_WORD.test(normal.split(' ').slice(0, 12).join(' '));
}

/** How many of the best topics by term score get the closer whole-phrase comparison. */
const SHORTLIST = 40;

/** One article's standing for a question, with the features the confidence is computed from. */
export interface Candidate {
  readonly article: number;
  readonly score: number;
  /** Share of the question's weight this article explains (0..1). */
  readonly coverage: number;
  /** Best whole title/example question/keyword, as an index into SearchIndex.phrases. */
  readonly phrase: number | undefined;
  /** Share of that phrase the question contains (0..1). */
  readonly phraseCoverage: number;
  /** How many distinct question terms the article matched. */
  readonly matchedTerms: number;
}

export interface Ranking {
  /** Best first. */
  readonly candidates: readonly Candidate[];
  /** How many content terms the question had (known or not). */
  readonly questionTerms: number;
}

interface QueryTerm {
  readonly term: string;
  readonly weight: number;
}

/** Analyses a question, corrects typos against the vocabulary and weighs each term. */
function queryTerms(index: SearchIndex, vocabulary: VocabularyMatcher, tuning: RankTuning, question: string) {
  const analyzed = analyze(question);
  const terms = new Map<string, QueryTerm>();
  const seen = new Set<string>();
  let mass = 0;
  let count = 0;
  const wordCount = Math.max(1, analyzed.words.length);
  for (let i = 0; i < analyzed.terms.length; i++) {
    const raw = analyzed.terms[i]!;
    if (seen.has(raw)) continue;
    seen.add(raw);
    const word = analyzed.words[i];
    if (word !== undefined) count++;
    const position = word === undefined ? 0 : i / wordCount;
    const place = 1 - tuning.positionDecay * position;
    const match = index.idf.has(raw)
      ? { term: raw, similarity: 1 }
      : word === undefined
        ? undefined
        : vocabulary.match(word);
    if (match === undefined) {
      if (word !== undefined && !isWeakTerm(raw)) mass += index.unknownIdf * tuning.unknownWeight * place;
      continue;
    }
    const weight =
      place *
      (match.similarity === 1 ? 1 : match.similarity * tuning.fuzzyPenalty) *
      (isWeakTerm(match.term) ? tuning.weakTermWeight : 1);
    const previous = terms.get(match.term);
    if (previous === undefined || previous.weight < weight) {
      const idf = index.idf.get(match.term) ?? 0;
      mass += idf * (weight - (previous?.weight ?? 0));
      terms.set(match.term, { term: match.term, weight });
    }
  }
  return { terms: [...terms.values()], mass, count };
}

/**
 * Scores every article that shares a term with the question: the sum over
 * question terms of idf x the term's weight in the article (its best field,
 * scaled by how central it is there), plus a bonus for the article's closest
 * whole phrase (an example question nearly contained in the message).
 */
export function rankCandidates(
  index: SearchIndex,
  vocabulary: VocabularyMatcher,
  tuning: RankTuning,
  question: string,
): Ranking {
  const { terms, mass, count } = queryTerms(index, vocabulary, tuning, question);
  if (terms.length === 0) return { candidates: [], questionTerms: count };

  const n = index.articles.length;
  const topic = new Float64Array(n);
  const matchedMass = new Float64Array(n);
  const matchedTerms = new Uint16Array(n);
  const queryWeight = new Map<string, number>();
  const hit: number[] = [];
  for (const { term, weight } of terms) {
    const idf = index.idf.get(term) ?? 0;
    queryWeight.set(term, idf * weight);
    const postings = index.postings.get(term);
    if (postings === undefined) continue;
    const { articles, weights } = postings;
    const w = idf * weight;
    for (let i = 0; i < articles.length; i++) {
      const a = articles[i]!;
      if (matchedTerms[a] === 0) hit.push(a);
      topic[a]! += w * weights[i]!;
      matchedMass[a]! += w;
      matchedTerms[a]! += 1;
    }
  }

  // Boost topics that take reports when the message reports something, then
  // look closer (whole phrases) only at the best few: keeps large bases fast.
  const boost = new Float64Array(n).fill(1);
  if (tuning.reportBoost > 0 && isReportStyle(question)) {
    for (const a of hit) if (index.articles[a]!.kind !== 'info') boost[a] = 1 + tuning.reportBoost;
  }
  for (const a of hit) topic[a]! *= boost[a]!;
  const shortlist = topK(hit, topic, SHORTLIST);

  const candidates: Candidate[] = [];
  for (const a of shortlist) {
    let best: { phrase: number; value: number; coverage: number } | undefined;
    for (const p of index.articlePhrases[a]!) {
      const phrase = index.phrases[p]!;
      if (phrase.mass <= 0) continue;
      let matched = 0;
      for (const term of phrase.terms) matched += queryWeight.get(term) ?? 0;
      if (matched <= 0) continue;
      const coverage = Math.min(1, matched / phrase.mass);
      const value = coverage ** tuning.phraseCoveragePower * matched;
      if (best === undefined || value > best.value) best = { phrase: p, value, coverage };
    }
    candidates.push({
      article: a,
      score: topic[a]! + boost[a]! * tuning.phraseWeight * (best?.value ?? 0),
      coverage: mass > 0 ? Math.min(1, matchedMass[a]! / mass) : 0,
      phrase: best?.phrase,
      phraseCoverage: best?.coverage ?? 0,
      matchedTerms: matchedTerms[a]!,
    });
  }
  candidates.sort((x, y) => y.score - x.score || x.article - y.article);
  return { candidates, questionTerms: count };
}

/** The `k` entries of `ids` with the highest `score`, best first (ties: lower id first). */
function topK(ids: readonly number[], score: Float64Array, k: number): number[] {
  const better = (x: number, y: number): boolean => score[x]! > score[y]! || (score[x] === score[y] && x < y);
  if (ids.length <= k) return [...ids].sort((x, y) => (better(x, y) ? -1 : 1));
  // A min-heap of the best k seen so far: its root is the weakest of them.
  const heap: number[] = [];
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
      if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const id of ids) {
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent]!, heap[i]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (better(id, heap[0]!)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((x, y) => (better(x, y) ? -1 : 1));
}
