import { buildSearchIndex, type FieldWeights, type SearchIndex } from './search-index.js';
import { analyze, isWeakTerm } from './text-analyzer.js';
import type { Article, KnowledgeSearch, MatchedField, SearchHit, SearchResult, TopicId } from './types.js';
import { VocabularyMatcher } from './vocabulary-matcher.js';

/** Logistic-regression weights that turn a candidate's features into a probability of being right. */
export interface Calibration {
  readonly bias: number;
  /** ln(1 + topic score). */
  readonly logScore: number;
  /** Share of the question's weight the topic explains. */
  readonly coverage: number;
  /** (score - best rival) / score. */
  readonly margin: number;
  /** Share of the best example question/title/keyword the question contains. */
  readonly phraseCoverage: number;
}

/** Every number the ranking and the outcome depend on, in one place. */
export interface SearchTuning {
  readonly weights: FieldWeights;
  /** How much the best whole example question/title/keyword adds to the topic score. */
  readonly phraseWeight: number;
  /** Exponent on the share of a phrase the question covers (higher = prefer complete matches). */
  readonly phraseCoveragePower: number;
  /** Multiplier on a typo-corrected term's weight. */
  readonly fuzzyPenalty: number;
  /** Multiplier on a general word's weight ("today", "back"). */
  readonly weakTermWeight: number;
  /** Logistic calibration of confidence from the top score, coverage and margin. */
  readonly calibration: Calibration;
  /** Confidence needed to answer outright. */
  readonly answerThreshold: number;
  /** Confidence needed to offer choices. */
  readonly clarifyThreshold: number;
  /** A runner-up within this share of the top score makes the result ambiguous. */
  readonly clarifyRatio: number;
  readonly maxHits: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  weights: { title: 3, question: 2.5, keyword: 2.5, body: 1 },
  phraseWeight: 1,
  phraseCoveragePower: 2,
  fuzzyPenalty: 0.7,
  weakTermWeight: 0.3,
  calibration: { bias: -6, logScore: 1.2, coverage: 4, margin: 2, phraseCoverage: 2.5 },
  answerThreshold: 0.5,
  clarifyThreshold: 0.35,
  clarifyRatio: 0.85,
  maxHits: 5,
};

interface QueryTerm {
  readonly term: string;
  readonly weight: number;
}

interface Candidate {
  readonly article: number;
  readonly score: number;
  readonly coverage: number;
  readonly phrase: number | undefined;
  readonly phraseCoverage: number;
}

/** Builds the searchable index once; `search` is then pure and fast. */
export function createKnowledgeSearch(
  articles: readonly Article[],
  tuning: Partial<SearchTuning> = {},
): KnowledgeSearch {
  const settings: SearchTuning = { ...DEFAULT_TUNING, ...tuning };
  const index = buildSearchIndex(articles, settings.weights);
  const vocabulary = new VocabularyMatcher(index.words);
  return { search: (question) => runSearch(index, vocabulary, settings, question) };
}

function queryTerms(
  index: SearchIndex,
  vocabulary: VocabularyMatcher,
  tuning: SearchTuning,
  question: string,
) {
  const terms = new Map<string, QueryTerm>();
  let mass = 0;
  const analyzed = analyze(question);
  const seen = new Set<string>();
  for (let i = 0; i < analyzed.terms.length; i++) {
    const raw = analyzed.terms[i]!;
    if (seen.has(raw)) continue;
    seen.add(raw);
    const word = analyzed.words[i];
    const match = index.idf.has(raw)
      ? { term: raw, similarity: 1 }
      : word === undefined
        ? undefined
        : vocabulary.match(word);
    if (match === undefined) {
      if (word !== undefined) mass += index.unknownIdf * 0.5;
      continue;
    }
    const weight =
      (match.similarity === 1 ? 1 : match.similarity * tuning.fuzzyPenalty) *
      (isWeakTerm(match.term) ? tuning.weakTermWeight : 1);
    const idf = index.idf.get(match.term) ?? 0;
    const previous = terms.get(match.term);
    if (previous === undefined || previous.weight < weight) {
      mass += idf * (weight - (previous?.weight ?? 0));
      terms.set(match.term, { term: match.term, weight });
    }
  }
  return { terms: [...terms.values()], mass };
}

function runSearch(
  index: SearchIndex,
  vocabulary: VocabularyMatcher,
  tuning: SearchTuning,
  question: string,
): SearchResult {
  const { terms, mass } = queryTerms(index, vocabulary, tuning, question);
  if (terms.length === 0) return { outcome: 'no-match', hits: [] };

  const n = index.articles.length;
  const topic = new Float64Array(n);
  const matchedMass = new Float64Array(n);
  const phraseMatched = new Map<number, number>();
  for (const { term, weight } of terms) {
    const idf = index.idf.get(term) ?? 0;
    for (const posting of index.postings.get(term) ?? []) {
      topic[posting.article] = (topic[posting.article] ?? 0) + idf * weight * posting.weight;
      matchedMass[posting.article] = (matchedMass[posting.article] ?? 0) + idf * weight;
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

  const candidates: Candidate[] = [];
  for (let a = 0; a < n; a++) {
    const base = topic[a] ?? 0;
    if (base <= 0) continue;
    const phrase = bestPhrase.get(a);
    candidates.push({
      article: a,
      score: base + tuning.phraseWeight * (phrase?.value ?? 0),
      coverage: mass > 0 ? (matchedMass[a] ?? 0) / mass : 0,
      phrase: phrase?.phrase,
      phraseCoverage: phrase?.coverage ?? 0,
    });
  }
  if (candidates.length === 0) return { outcome: 'no-match', hits: [] };
  candidates.sort((x, y) => y.score - x.score || x.article - y.article);

  const top = candidates[0]!;
  const second = candidates[1]?.score ?? 0;
  const hits = candidates.slice(0, tuning.maxHits).map((c, i) => {
    const rival = i === 0 ? second : top.score;
    return toHit(index, c, confidence(tuning.calibration, c, (c.score - rival) / c.score));
  });
  const best = hits[0]!;
  const close = candidates.filter((c) => c.score >= top.score * tuning.clarifyRatio).length;
  if (best.score >= tuning.answerThreshold && close === 1) return { outcome: 'answer', hits };
  if (close > 1 && best.score >= tuning.clarifyThreshold) return { outcome: 'clarify', hits };
  if (best.score >= tuning.answerThreshold) return { outcome: 'answer', hits };
  return { outcome: 'no-match', hits };
}

function confidence(c: Calibration, candidate: Candidate, margin: number): number {
  const z =
    c.bias +
    c.logScore * Math.log(1 + candidate.score) +
    c.coverage * candidate.coverage +
    c.margin * margin +
    c.phraseCoverage * candidate.phraseCoverage;
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

function toHit(index: SearchIndex, candidate: Candidate, score: number): SearchHit {
  const article = index.articles[candidate.article]!;
  const phrase = candidate.phrase === undefined ? undefined : index.phrases[candidate.phrase];
  const field: MatchedField = phrase?.field ?? 'body';
  const matched = phrase?.text ?? article.answer;
  return { topic: article.id as TopicId, score, field, matched };
}
