import type { Article, MatchedField } from '../../knowledge/types.js';
import { STATE_CONCEPTS } from '../text/synonyms.js';
import { analyze, termOf } from './text-analyzer.js';

/** How much a term found in each field counts; the tuning the engine runs with. */
export interface FieldWeights {
  readonly title: number;
  readonly question: number;
  readonly keyword: number;
  readonly body: number;
  /**
   * Centrality: a term that recurs in many of an article's example questions and
   * keywords is what the article is about; one found once is a detail. A term's
   * weight is its best field weight times `floor + (1 - floor) * (1 - exp(-uses / spread))`.
   */
  readonly centralityFloor: number;
  readonly centralitySpread: number;
}

/** A title, example question or keyword: short texts a question is matched against as a whole. */
export interface IndexedPhrase {
  readonly article: number;
  readonly field: Exclude<MatchedField, 'body'>;
  readonly text: string;
  readonly terms: readonly string[];
  /** Sum of the idf of its distinct terms. */
  readonly mass: number;
}

/** The articles a term occurs in, and its weight (best field x centrality) in each. */
export interface Postings {
  readonly articles: Int32Array;
  readonly weights: Float32Array;
  /** How many of the article's titles, questions and keywords use the term (the body counts half). */
  readonly uses: Float32Array;
}

/** An inverted index over analysed articles (immutable once built). */
export interface SearchIndex {
  readonly articles: readonly Article[];
  readonly postings: ReadonlyMap<string, Postings>;
  readonly phrases: readonly IndexedPhrase[];
  /** Each article's phrases, as indexes into `phrases`. */
  readonly articlePhrases: readonly (readonly number[])[];
  /**
   * Per article, the phrases each term occurs in (once per occurrence): a question
   * looks only at its own terms' phrases of the shortlisted articles.
   */
  readonly articleTermPhrases: readonly ReadonlyMap<string, Int32Array>[];
  readonly idf: ReadonlyMap<string, number>;
  /** The idf a term no article contains would have. */
  readonly unknownIdf: number;
  /**
   * Per article, the state concepts (see STATE_CONCEPTS) at least half of its
   * example questions carry, when there are any: a message with none of them
   * is not asking about that state.
   */
  readonly states: readonly (ReadonlySet<string> | undefined)[];
  /** Every word the articles use and the term it analyses to (the typo corrector's vocabulary). */
  readonly words: ReadonlyMap<string, string>;
}

export function buildSearchIndex(articles: readonly Article[], weights: FieldWeights): SearchIndex {
  const n = articles.length;
  const perArticle: Map<string, number>[] = [];
  const perArticleUses: Map<string, number>[] = [];
  const phraseDrafts: Omit<IndexedPhrase, 'mass'>[] = [];
  const df = new Map<string, number>();
  const words = new Map<string, string>();
  const analyzeAndLearn = (text: string): readonly string[] => {
    const analyzed = analyze(text);
    analyzed.words.forEach((word, i) => {
      if (!words.has(word)) words.set(word, analyzed.terms[i]!);
    });
    return analyzed.terms;
  };

  articles.forEach((article, index) => {
    const best = new Map<string, number>();
    const uses = new Map<string, number>();
    const note = (terms: readonly string[], weight: number, use: number): void => {
      for (const term of new Set(terms)) {
        best.set(term, Math.max(best.get(term) ?? 0, weight));
        uses.set(term, (uses.get(term) ?? 0) + use);
      }
    };
    const addPhrase = (field: IndexedPhrase['field'], text: string, weight: number): void => {
      const terms = [...new Set(analyzeAndLearn(text))];
      note(terms, weight, 1);
      if (terms.length > 0) phraseDrafts.push({ article: index, field, text, terms });
    };
    addPhrase('title', article.title, weights.title);
    for (const q of article.questions) addPhrase('question', q, weights.question);
    for (const k of article.keywords) addPhrase('keyword', k, weights.keyword);
    note(analyzeAndLearn(`${article.answer}\n${article.body}`), weights.body, 0.5);
    for (const [term, weight] of best) {
      const spread = 1 - Math.exp(-(uses.get(term) ?? 0) / weights.centralitySpread);
      best.set(term, weight * (weights.centralityFloor + (1 - weights.centralityFloor) * spread));
    }
    perArticle.push(best);
    perArticleUses.push(uses);
    for (const term of best.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  });

  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log(1 + (n - count + 0.5) / (count + 0.5)));

  const lists = new Map<string, { articles: number[]; weights: number[]; uses: number[] }>();
  perArticle.forEach((best, article) => {
    for (const [term, weight] of best) {
      let list = lists.get(term);
      if (list === undefined) {
        list = { articles: [], weights: [], uses: [] };
        lists.set(term, list);
      }
      list.articles.push(article);
      list.weights.push(weight);
      list.uses.push(perArticleUses[article]!.get(term) ?? 0);
    }
  });
  const postings = new Map<string, Postings>();
  for (const [term, list] of lists) {
    postings.set(term, {
      articles: Int32Array.from(list.articles),
      weights: Float32Array.from(list.weights),
      uses: Float32Array.from(list.uses),
    });
  }

  const phrases: IndexedPhrase[] = phraseDrafts.map((draft) => ({
    ...draft,
    mass: draft.terms.reduce((sum, term) => sum + (idf.get(term) ?? 0), 0),
  }));
  const articlePhrases: number[][] = articles.map(() => []);
  const termLists = articles.map(() => new Map<string, number[]>());
  phrases.forEach((phrase, i) => {
    articlePhrases[phrase.article]!.push(i);
    const lists = termLists[phrase.article]!;
    for (const term of phrase.terms) {
      const list = lists.get(term);
      if (list) list.push(i);
      else lists.set(term, [i]);
    }
  });
  const articleTermPhrases = termLists.map(
    (lists) => new Map([...lists].map(([term, list]) => [term, Int32Array.from(list)])),
  );

  const stateTerms = new Set(STATE_CONCEPTS.map((c) => termOf(c) ?? c));
  const states = articles.map((article) => {
    const carrying = article.questions.map((q) => analyze(q).terms.filter((t) => stateTerms.has(t)));
    if (carrying.filter((terms) => terms.length > 0).length * 2 < article.questions.length) return undefined;
    return new Set(carrying.flat());
  });

  return {
    articles,
    postings,
    states,
    phrases,
    articlePhrases,
    articleTermPhrases,
    idf,
    unknownIdf: Math.log(1 + (n + 0.5) / 0.5),
    words,
  };
}
