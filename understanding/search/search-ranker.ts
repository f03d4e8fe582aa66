import { isDictionaryWord } from '../text/dictionary.js';
import { isReportStyle, properNames } from '../text/message-style.js';
import { normalizeText } from '../text/normalize.js';
import type { SearchIndex } from './search-index.js';
import { analyze, isWeakTerm, termOf } from './text-analyzer.js';
import type { VocabularyMatcher } from './vocabulary-matcher.js';
import { wordnetRelated } from './wordnet-related.js';

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
  /** The mirror image: a question asks for information, so information topics get 1 + questionBoost. */
  readonly questionBoost: number;
  /**
   * In a report of several sentences the first usually names the problem and the
   * rest add history and side remarks; in a message that asks something, the
   * question says what is wanted. Terms of those sentences weigh 1 + leadBoost.
   */
  readonly leadBoost?: number;
  /**
   * Share of score a topic about a state ("missed collection") loses when a
   * question or lookup names none of the state's concepts (see SearchIndex.states).
   * Not for reports: they state some problem, often in words no phrase knows.
   */
  readonly statePenalty?: number;
  /**
   * Share of weight a term gets when it stands in, through WordNet, for a word of the
   * message the articles never use ("settee" -> couch, "thoroughfare" -> street); 0 turns
   * the expansion off.
   */
  readonly wordnetWeight?: number;
}

/** The terms of the sentence that carries a multi-sentence message's point (else empty). */
function leadTerms(question: string): ReadonlySet<string> {
  const sentences = question.split(/(?<=[.!?;])\s+|\n+/).filter((s) => /[a-z]/i.test(s));
  if (sentences.length < 2) return new Set();
  const asked = sentences.filter((s) => s.trimEnd().endsWith('?'));
  const lead = asked.length < sentences.length ? [sentences[0]!, ...asked] : sentences.slice(0, 1);
  return new Set(lead.flatMap((s) => analyze(s).terms));
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
  /** How many of them only stand in, through WordNet, for words the articles never use. */
  readonly standInTerms?: number;
  /**
   * 0..1: how much the message rests on a word the article is about (used across
   * many of its examples) rather than a word it mentions once. Incidental matches
   * ("rain" in one example question) are what out-of-scope messages produce.
   * Up to 1 + leadBoost: a central word in the lead sentence of a long report counts
   * more (capping it at 1 cost 0.5 point on the held-out raw reports).
   */
  readonly anchor: number;
  /** 1 when the message states a problem rather than asking (see isReportStyle), else 0. */
  readonly report: number;
}

/** A term used in this many of an article's titles/questions/keywords anchors a match fully. */
const ANCHOR_USES = 5;

export interface Ranking {
  /** Best first. */
  readonly candidates: readonly Candidate[];
  /** How many content terms the question had (known or not). */
  readonly questionTerms: number;
  /** How many of them are real words the knowledge base does not use (see isDictionaryWord). */
  readonly foreignWords?: number;
}

interface QueryTerm {
  readonly term: string;
  readonly weight: number;
  /** Stands in, through WordNet, for a word the articles never use (see standIns). */
  readonly standIn?: boolean;
}

/**
 * Spells out what the resident probably meant: each word the index does not
 * know (not even through its stem or a synonym) is replaced by the closest
 * known word, so phrases ("servce reqest") are recognised after correction.
 * Returns the corrected text and how similar each replacement was.
 */
function correctTypos(
  index: SearchIndex,
  vocabulary: VocabularyMatcher,
  question: string,
  names: ReadonlySet<string>,
) {
  const similarity = new Map<string, number>();
  const out: string[] = [];
  for (const word of normalizeText(question).split(' ')) {
    const term = word === '' ? undefined : termOf(word);
    if (term === undefined || index.words.has(word) || index.idf.has(term) || names.has(word)) {
      out.push(word);
      continue;
    }
    // Text-speak drops the g of -ing: "partyin", "sayin".
    const ing = word.endsWith('in') ? termOf(`${word}g`) : undefined;
    if (ing !== undefined && index.idf.has(ing)) {
      out.push(`${word}g`);
      similarity.set(`${word}g`, 0.95);
      continue;
    }
    const match = vocabulary.match(word);
    out.push(match?.word ?? word);
    if (match !== undefined)
      similarity.set(match.word, Math.min(similarity.get(match.word) ?? 1, match.similarity));
  }
  return { text: out.join(' '), similarity };
}

/** The index terms a word the index does not know stands for through WordNet, each at `weight`. */
function standIns(index: SearchIndex, word: string, weight: number): QueryTerm[] {
  if (weight <= 0) return [];
  const out: QueryTerm[] = [];
  for (const related of wordnetRelated(word)) {
    for (const term of analyze(related).terms) {
      if (index.idf.has(term) && !out.some((t) => t.term === term)) out.push({ term, weight, standIn: true });
    }
  }
  return out;
}

/** Analyses a (typo-corrected) question and weighs each term. */
function queryTerms(index: SearchIndex, vocabulary: VocabularyMatcher, tuning: RankTuning, question: string) {
  // In a report, capitalised words inside a sentence are places and names ("Peat Meadow"):
  // neither typos to correct nor a sign that the message is about something else.
  const names = isReportStyle(question) ? properNames(question) : new Set<string>();
  const corrected = correctTypos(index, vocabulary, question, names);
  const analyzed = analyze(corrected.text);
  const terms = new Map<string, QueryTerm>();
  const seen = new Set<string>();
  let mass = 0;
  let count = 0;
  let foreign = 0;
  const wordCount = Math.max(1, analyzed.words.length);
  const lead = (tuning.leadBoost ?? 0) > 0 ? leadTerms(question) : new Set<string>();
  for (let i = 0; i < analyzed.terms.length; i++) {
    const term = analyzed.terms[i]!;
    if (seen.has(term)) continue;
    seen.add(term);
    const word = analyzed.words[i];
    if (word !== undefined) count++;
    const position = word === undefined ? 0 : i / wordCount;
    const place = (1 - tuning.positionDecay * position) * (lead.has(term) ? 1 + (tuning.leadBoost ?? 0) : 1);
    if (!index.idf.has(term)) {
      if (word !== undefined && !isWeakTerm(term) && !names.has(word)) {
        const stands = standIns(index, word, place * (tuning.wordnetWeight ?? 0));
        if (stands.length > 0) {
          let best = 0;
          for (const stand of stands) {
            const known = terms.get(stand.term);
            if (known === undefined || known.weight < stand.weight) terms.set(stand.term, stand);
            best = Math.max(best, (index.idf.get(stand.term) ?? 0) * stand.weight);
          }
          // The word weighs what an unknown word does: a loose stand-in explains only part of it.
          mass += Math.max(best, index.unknownIdf * tuning.unknownWeight * place);
          // Still a word the knowledge base does not use, for the chit-chat check (see Ranking).
          if (isDictionaryWord(word)) foreign++;
          continue;
        }
        if (isDictionaryWord(word)) foreign++;
        mass += index.unknownIdf * tuning.unknownWeight * place;
      }
      continue;
    }
    const similarity = word === undefined ? 1 : (corrected.similarity.get(word) ?? 1);
    const weight =
      place *
      (similarity === 1 ? 1 : similarity * tuning.fuzzyPenalty) *
      (isWeakTerm(term) ? tuning.weakTermWeight : 1);
    mass += (index.idf.get(term) ?? 0) * weight;
    terms.set(term, { term, weight });
  }
  return { terms: [...terms.values()], mass, count, foreign };
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
  const { terms, mass, count, foreign } = queryTerms(index, vocabulary, tuning, question);
  if (terms.length === 0) return { candidates: [], questionTerms: count, foreignWords: foreign };

  const n = index.articles.length;
  const topic = new Float64Array(n);
  const matchedMass = new Float64Array(n);
  const matchedTerms = new Uint16Array(n);
  const standInTerms = new Uint16Array(n);
  const anchor = new Float64Array(n);
  const queryWeight = new Map<string, number>();
  const hit: number[] = [];
  for (const { term, weight, standIn } of terms) {
    const idf = index.idf.get(term) ?? 0;
    queryWeight.set(term, idf * weight);
    const postings = index.postings.get(term);
    if (postings === undefined) continue;
    const { articles, weights, uses } = postings;
    const w = idf * weight;
    for (let i = 0; i < articles.length; i++) {
      const a = articles[i]!;
      const anchored = weight * Math.min(1, uses[i]! / ANCHOR_USES);
      if (anchored > anchor[a]!) anchor[a] = anchored;
      if (matchedTerms[a] === 0) hit.push(a);
      topic[a]! += w * weights[i]!;
      matchedMass[a]! += w;
      matchedTerms[a]! += 1;
      if (standIn) standInTerms[a]! += 1;
    }
  }

  // Boost topics that take reports when the message reports something, then
  // look closer (whole phrases) only at the best few: keeps large bases fast.
  const boost = new Float64Array(n).fill(1);
  const report = isReportStyle(question);
  for (const a of hit) {
    const info = index.articles[a]!.kind === 'info';
    if (report && !info) boost[a] = 1 + tuning.reportBoost;
    else if (!report && info) boost[a] = 1 + tuning.questionBoost;
    const states = index.states[a];
    if (!report && states !== undefined && !terms.some((t) => states.has(t.term)))
      boost[a]! *= 1 - (tuning.statePenalty ?? 0);
  }
  for (const a of hit) topic[a]! *= boost[a]!;
  const shortlist = topK(hit, topic, SHORTLIST);

  const bestPhrase = closestPhrases(index, tuning, terms, queryWeight, shortlist);
  const candidates: Candidate[] = [];
  for (const a of shortlist) {
    const best = bestPhrase.get(a);
    candidates.push({
      article: a,
      score: topic[a]! + boost[a]! * tuning.phraseWeight * (best?.value ?? 0),
      coverage: mass > 0 ? Math.min(1, matchedMass[a]! / mass) : 0,
      phrase: best?.phrase,
      phraseCoverage: best?.coverage ?? 0,
      matchedTerms: matchedTerms[a]!,
      standInTerms: standInTerms[a]!,
      anchor: anchor[a]!,
      report: report ? 1 : 0,
    });
  }
  candidates.sort((x, y) => y.score - x.score || x.article - y.article);
  return { candidates, questionTerms: count, foreignWords: foreign };
}

interface PhraseMatch {
  readonly phrase: number;
  readonly value: number;
  readonly coverage: number;
}

/** Per-index scratch space: how much of each phrase the current question matches (reset after use). */
const phraseScratch = new WeakMap<SearchIndex, Float64Array>();

/**
 * Each shortlisted article's closest whole phrase: the one with the highest
 * coverage^power x matched weight (ties: the article's earlier phrase). Walks
 * the phrases that contain a question term, not every phrase of every article.
 */
function closestPhrases(
  index: SearchIndex,
  tuning: RankTuning,
  terms: readonly QueryTerm[],
  queryWeight: ReadonlyMap<string, number>,
  shortlist: readonly number[],
): Map<number, PhraseMatch> {
  let matched = phraseScratch.get(index);
  if (matched === undefined) {
    matched = new Float64Array(index.phrases.length);
    phraseScratch.set(index, matched);
  }
  const touched: number[] = [];
  for (const a of shortlist) {
    const byTerm = index.articleTermPhrases[a]!;
    for (const { term } of terms) {
      const phrases = byTerm.get(term);
      if (phrases === undefined) continue;
      const w = queryWeight.get(term) ?? 0;
      for (let i = 0; i < phrases.length; i++) {
        const p = phrases[i]!;
        if (matched[p] === 0) touched.push(p);
        matched[p]! += w;
      }
    }
  }
  const best = new Map<number, PhraseMatch>();
  for (const p of touched) {
    const m = matched[p]!;
    matched[p] = 0;
    const phrase = index.phrases[p]!;
    if (phrase.mass <= 0 || m <= 0) continue;
    const coverage = Math.min(1, m / phrase.mass);
    const value = coverage ** tuning.phraseCoveragePower * m;
    const current = best.get(phrase.article);
    if (current === undefined || value > current.value || (value === current.value && p < current.phrase)) {
      best.set(phrase.article, { phrase: p, value, coverage });
    }
  }
  return best;
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
