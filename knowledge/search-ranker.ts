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
  const phraseMatched = new Map<number, number>();
  for (const { term, weight } of terms) {
    const idf = index.idf.get(term) ?? 0;
    for (const posting of index.postings.get(term) ?? []) {
      topic[posting.article]! += idf * weight * posting.weight;
      matchedMass[posting.article]! += idf * weight;
      matchedTerms[posting.article]! += 1;
    }
    for (const p of index.phrasePostings.get(term) ?? []) {
      phraseMatched.set(p, (phraseMatched.get(p) ?? 0) + idf * weight);
    }
  }

  const bestPhrase = new Map<number, { phrase: number; value: number; coverage: number }>();
  for (const [p, matched] of phraseMatched) {
    const phrase = index.phrases[p];
    if (phrase === undefined || phrase.mass <= 0) continue;
    const coverage = Math.min(1, matched / phrase.mass);
    const value = coverage ** tuning.phraseCoveragePower * matched;
    const current = bestPhrase.get(phrase.article);
    if (current === undefined || value > current.value)
      bestPhrase.set(phrase.article, { phrase: p, value, coverage });
  }

  const report = tuning.reportBoost > 0 && isReportStyle(question);
  const candidates: Candidate[] = [];
  for (let a = 0; a < n; a++) {
    const base = topic[a]!;
    if (base <= 0) continue;
    const phrase = bestPhrase.get(a);
    const boost = report && index.articles[a]!.kind !== 'info' ? 1 + tuning.reportBoost : 1;
    candidates.push({
      article: a,
      score: boost * (base + tuning.phraseWeight * (phrase?.value ?? 0)),
      coverage: mass > 0 ? Math.min(1, matchedMass[a]! / mass) : 0,
      phrase: phrase?.phrase,
      phraseCoverage: phrase?.coverage ?? 0,
      matchedTerms: matchedTerms[a]!,
    });
  }
  candidates.sort((x, y) => y.score - x.score || x.article - y.article);
  return { candidates, questionTerms: count };
}
