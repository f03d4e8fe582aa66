import { WORDNET_RELATED } from './wordnet-related.generated.js';

/**
 * WordNet at run time, in the compact form scripts/build-search-wordnet.ts
 * generates: for a word the articles never use, the article key terms it is a
 * synonym, hyponym, hypernym or derived form of ("settee" -> couch, sofa;
 * "thoroughfare" -> street). The table is parsed on first use.
 */

/** WordNet's detachment rules (morphy), longest suffix first within each part of speech. */
const DETACH: readonly (readonly [suffix: string, replacement: string])[] = [
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['sses', 'ss'],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ies', 'y'],
  ['men', 'man'],
  ['es', 'e'],
  ['es', ''],
  ['s', ''],
  ['ied', 'y'],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  ['est', 'e'],
  ['est', ''],
  ['er', 'e'],
  ['er', ''],
];

/**
 * The word and the base forms WordNet's rules allow ("furnishings" -> "furnishing",
 * "illuminated" -> "illuminate", "illuminat"); a doubled final consonant is undone
 * too ("dumped" stays, "stopped" -> "stop"). Unchecked: the caller looks each one up.
 */
export function baseForms(word: string): string[] {
  const forms = [word];
  for (const [suffix, replacement] of DETACH) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const base = word.slice(0, -suffix.length) + replacement;
    forms.push(base);
    if (replacement === '' && /([bdgklmnprt])\1$/.test(base)) forms.push(base.slice(0, -1));
  }
  return [...new Set(forms)];
}

let table: Map<string, readonly string[]> | undefined;

function related(): Map<string, readonly string[]> {
  if (table !== undefined) return table;
  table = new Map();
  for (const line of WORDNET_RELATED.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) table.set(line.slice(0, colon), line.slice(colon + 1).split(','));
  }
  return table;
}

/**
 * The article key terms a word stands for in WordNet, through its first base
 * form the table knows; empty when none.
 */
export function wordnetRelated(word: string): readonly string[] {
  const map = related();
  for (const form of baseForms(word)) {
    const found = map.get(form);
    if (found !== undefined) return found;
  }
  return [];
}
