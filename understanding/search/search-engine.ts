import type {
  Article,
  KnowledgeSearch,
  MatchedField,
  SearchHit,
  SearchResult,
  TopicId,
} from '../../knowledge/types.js';
import { buildSearchIndex, type FieldWeights, type SearchIndex } from './search-index.js';
import { type Candidate, type Ranking, type RankTuning, rankCandidates } from './search-ranker.js';
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
  /** ln(1 + distinct question terms the topic matched). */
  readonly logMatched: number;
  /** How much the match rests on a word central to the topic (see Candidate.anchor). */
  readonly anchor: number;
  /** Added when the message reports a problem rather than asking a question. */
  readonly report: number;
}

/** Every number the ranking and the outcome depend on, in one place. */
export interface SearchTuning extends RankTuning {
  readonly weights: FieldWeights;
  readonly calibration: Calibration;
  /** Confidence needed to answer outright. */
  readonly answerThreshold: number;
  /**
   * The same for a message that reports a problem (see isReportStyle): long real
   * reports explain little of themselves with any one topic, yet rarely are out of scope.
   */
  readonly reportThreshold?: number;
  /** Confidence the best of several close topics needs before they are offered as choices. */
  readonly clarifyThreshold: number;
  /** Runners-up within this share of the top score make the result ambiguous. */
  readonly clarifyRatio: number;
  /**
   * ...and, when the best topic could be answered outright, only runners-up whose own
   * confidence is at least this share of the best's.
   */
  readonly clarifyConfidenceRatio?: number;
  /** At most this many choices. */
  readonly maxChoices: number;
  readonly maxHits: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  weights: { title: 3, question: 2.5, keyword: 2.5, body: 1, centralityFloor: 0.5, centralitySpread: 2 },
  phraseWeight: 1,
  phraseCoveragePower: 2,
  fuzzyPenalty: 0.7,
  weakTermWeight: 0.3,
  positionDecay: 0.2,
  unknownWeight: 0.5,
  reportBoost: 0.3,
  questionBoost: 0.05,
  leadBoost: 0.8,
  statePenalty: 0.25,
  wordnetWeight: 0.6,
  calibration: {
    bias: -9.58,
    logScore: 0.22,
    coverage: 3.29,
    margin: 2,
    phraseCoverage: 1.61,
    logMatched: 2.02,
    anchor: 2.72,
    report: 1.06,
  },
  answerThreshold: 0.35,
  reportThreshold: 0.25,
  clarifyThreshold: 0.35,
  clarifyRatio: 0.8,
  clarifyConfidenceRatio: 0.6,
  maxChoices: 3,
  maxHits: 5,
};

/** A knowledge search that also exposes its raw ranking (for evaluation and tuning). */
export interface KnowledgeSearchEngine extends KnowledgeSearch {
  rank(question: string): Ranking;
  decide(ranking: Ranking): SearchResult;
}

/** Builds the searchable index once; `search` is then pure and fast. */
export function createKnowledgeSearch(
  articles: readonly Article[],
  tuning: Partial<SearchTuning> = {},
): KnowledgeSearchEngine {
  const settings: SearchTuning = { ...DEFAULT_TUNING, ...tuning };
  const index = buildSearchIndex(articles, settings.weights);
  const vocabulary = new VocabularyMatcher(index.words);
  const rank = (question: string): Ranking => rankCandidates(index, vocabulary, settings, question);
  const decide = (ranking: Ranking): SearchResult => decideOutcome(index, settings, ranking);
  return { rank, decide, search: (question) => decide(rank(question)) };
}

/** Calibrated probability that `candidate` is the right topic, given its best rival's score. */
export function confidence(c: Calibration, candidate: Candidate, rivalScore: number): number {
  const margin = candidate.score > 0 ? (candidate.score - rivalScore) / candidate.score : 0;
  const z =
    c.bias +
    c.logScore * Math.log(1 + candidate.score) +
    c.coverage * candidate.coverage +
    c.margin * margin +
    c.phraseCoverage * candidate.phraseCoverage +
    c.logMatched * Math.log(1 + candidate.matchedTerms) +
    c.anchor * candidate.anchor +
    c.report * candidate.report;
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/**
 * Answer when the best topic is confident and clearly ahead; offer the close
 * topics as choices when two or three are near each other and the best is
 * plausible; otherwise no match.
 */
function decideOutcome(index: SearchIndex, tuning: SearchTuning, ranking: Ranking): SearchResult {
  const { candidates } = ranking;
  const top = candidates[0];
  if (top === undefined) return { outcome: 'no-match', hits: [] };
  if (sharesOneWord(top, ranking)) return { outcome: 'no-match', hits: [] };
  const second = candidates[1]?.score ?? 0;
  const hits = candidates
    .slice(0, tuning.maxHits)
    .map((c, i) => toHit(index, c, confidence(tuning.calibration, c, i === 0 ? second : top.score)));
  const best = hits[0]!;
  const answerThreshold =
    top.report === 1 ? (tuning.reportThreshold ?? tuning.answerThreshold) : tuning.answerThreshold;
  // A runner-up is a real alternative when its score is near the best's and, when the best
  // is confident enough to answer, its own confidence is too: "when is trash day" scores a
  // vacant-lot article (trash, day) near the collection day by words alone, at a third of its confidence.
  const rivalShare = best.score >= answerThreshold ? (tuning.clarifyConfidenceRatio ?? 0) : 0;
  const close = candidates
    .slice(1, tuning.maxChoices)
    .filter(
      (c, i) =>
        c.score >= top.score * tuning.clarifyRatio && (hits[i + 1]?.score ?? 0) >= best.score * rivalShare,
    );
  if (close.length === 0 && best.score >= answerThreshold) return { outcome: 'answer', hits };
  if (close.length > 0) {
    const group = Math.min(
      1,
      best.score + close.reduce((sum, c) => sum + (hits[candidates.indexOf(c)]?.score ?? 0), 0),
    );
    // The choices offered are exactly the close topics (2 or 3), best first.
    if (group >= tuning.clarifyThreshold && best.score >= tuning.clarifyThreshold / 2)
      return { outcome: 'clarify', hits: hits.slice(0, 1 + close.length) };
  }
  if (best.score >= answerThreshold) return { outcome: 'answer', hits };
  return { outcome: 'no-match', hits };
}

/**
 * Chit-chat that shares one word with a service ("any good rat movies?", "is snow good for
 * the garden?"): a question whose best topic matched a single term, while it also uses real
 * words the knowledge base never does. Not for reports: "Graffiti on rocks at Kings Beach"
 * names its topic in one word and the place in words no article uses (requiring a title
 * word there cost 0.6 point of real reports).
 */
function sharesOneWord(top: Candidate, ranking: Ranking): boolean {
  const ownWords = top.matchedTerms - (top.standInTerms ?? 0);
  return top.report === 0 && ownWords <= 1 && (ranking.foreignWords ?? 0) >= 1;
}

function toHit(index: SearchIndex, candidate: Candidate, score: number): SearchHit {
  const article = index.articles[candidate.article]!;
  const phrase = candidate.phrase === undefined ? undefined : index.phrases[candidate.phrase];
  const field: MatchedField = phrase?.field ?? 'body';
  const matched = phrase?.text ?? article.answer;
  return { topic: article.id as TopicId, score, field, matched };
}
