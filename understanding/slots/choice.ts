import { isDictionaryWord } from '../text/dictionary.js';
import { matchChoice } from './choice-match.js';
import { PLACE_VOCABULARY, placesIn, positionChoice } from './position.js';
import { simplify } from './simplify.js';
import { isSizeList, readSize, SIZE_VOCABULARY, sizeChoice, sizeMentioned } from './size.js';
import { SlotSpeller } from './spelling.js';
import { contentStems } from './words.js';
import { leadingYesNo, readYesNoSkip } from './yes-no-skip.js';

/**
 * Which of a list's choices a resident's free words pick, read with the list's
 * own labels: its number or words ("2", "the second one", "large"), yes or no
 * ("yep", "nah"), a size ("about two feet wide", "like a manhole"), a place in
 * the street ("right lane", "by the curb"), or the words of one label ("it
 * flickers" -> "It flickers or cycles on and off"). No per-service word lists:
 * the catalog's labels are the vocabulary.
 */
export interface Choice {
  readonly key: string;
  readonly name: string;
}

const label = (c: Choice): string => `${c.name} ${c.key.replace(/[-_]/g, ' ')}`;

/** Yes / No (/ I don't know) lists, read with the yes-no reader. */
function yesNoChoice(text: string, choices: readonly Choice[]): number | undefined {
  const yes = choices.findIndex((c) => simplify(c.name) === 'yes');
  const no = choices.findIndex((c) => simplify(c.name) === 'no');
  if (yes < 0 || no < 0) return undefined;
  const read = readYesNoSkip(text) ?? leadingYesNo(text);
  if (read === 'yes') return yes;
  if (read === 'no') return no;
  if (read === 'skip') {
    const unknown = choices.findIndex((c) => /\b(?:know|unknown|sure)\b/.test(simplify(c.name)));
    return unknown >= 0 ? unknown : undefined;
  }
  return undefined;
}

/** Not knowing ("idk", "no idea who owns it") picks a list's "I don't know" choice, when it has one. */
function unknownChoice(text: string, choices: readonly Choice[]): number | undefined {
  if (readYesNoSkip(text) !== 'skip') return undefined;
  const unknown = choices.findIndex((c) => /\b(?:know|unknown|sure)\b/.test(simplify(c.name)));
  return unknown >= 0 ? unknown : undefined;
}

/**
 * The one label sharing the most of the answer's words (stemmed), at least half
 * of them; between labels sharing as many, the one with fewest other words
 * ("like a truck load": "About a pickup truck load", not "More than a truck load").
 */
function wordsChoice(text: string, choices: readonly Choice[]): number | undefined {
  const said = contentStems(text);
  if (said.length === 0) return undefined;
  const scores = labelsOf(choices).stems.map((offered) => {
    const hits = said.filter((w) => offered.has(w) || compoundOf(w, offered)).length;
    return { recall: hits / said.length, precision: offered.size === 0 ? 0 : hits / offered.size };
  });
  const best = Math.max(...scores.map((s) => s.recall));
  if (best < 0.5) return undefined;
  const top = Math.max(...scores.filter((s) => s.recall === best).map((s) => s.precision));
  const winners = scores.flatMap((s, i) => (s.recall === best && s.precision === top ? [i] : []));
  return winners.length === 1 ? winners[0] : undefined;
}

/**
 * Whether a word the resident wrote as one is a compound ending in a label's
 * word, its first part a real word: "backyard" -> yard, "storefront" -> front.
 */
function compoundOf(word: string, offered: ReadonlySet<string>): boolean {
  for (const part of offered) {
    if (part.length < 3 || word.length < part.length + 3 || !word.endsWith(part)) continue;
    if (isDictionaryWord(word.slice(0, -part.length))) return true;
  }
  return false;
}

/** The labels of a list, and each label's words stemmed: worked out once per list. */
interface Labels {
  readonly names: readonly string[];
  readonly stems: readonly ReadonlySet<string>[];
}
const labelsCache = new WeakMap<readonly Choice[], Labels>();
function labelsOf(choices: readonly Choice[]): Labels {
  let labels = labelsCache.get(choices);
  if (!labels) {
    labels = {
      names: choices.map((c) => c.name),
      stems: choices.map((c) => new Set(contentStems(label(c)))),
    };
    labelsCache.set(choices, labels);
  }
  return labels;
}

/** A list's spelling vocabulary: its labels' words, and the size and place words its readers know. */
const spellers = new WeakMap<readonly Choice[], SlotSpeller>();
function spellerOf(choices: readonly Choice[]): SlotSpeller {
  let speller = spellers.get(choices);
  if (!speller) {
    const labelWords = choices.flatMap((c) => simplify(label(c)).split(' '));
    speller = new SlotSpeller([...labelWords, ...SIZE_VOCABULARY, ...PLACE_VOCABULARY]);
    spellers.set(choices, speller);
  }
  return speller;
}

/**
 * The index of the choice an answer picks, or undefined. An answer not understood
 * as written is read once more with its words spelt as the list's vocabulary
 * ("rite lane", "curbb", "hudge").
 */
export function readChoice(text: string, choices: readonly Choice[]): number | undefined {
  const read = readAsWritten(text, choices);
  if (read !== undefined) return read;
  const spelt = spellerOf(choices).text(text);
  return spelt === simplify(text) ? undefined : readAsWritten(spelt, choices);
}

function readAsWritten(text: string, choices: readonly Choice[]): number | undefined {
  if (simplify(text) === '') return undefined;
  const { names } = labelsOf(choices);
  const exact = choices.findIndex((c) => simplify(c.key) === simplify(text));
  if (exact >= 0) return exact;
  const picked = matchChoice(text, names);
  if (picked !== undefined) return picked;
  return (
    yesNoChoice(text, choices) ??
    unknownChoice(text, choices) ??
    (isSizeList(names) ? sizeChoice(readSize(text), names) : undefined) ??
    positionChoice(text, names) ??
    wordsChoice(text, choices)
  );
}

/** The ways a label can be met: "Furniture or mattresses" -> furniture | mattresses; each way's words, stemmed. */
function alternatives(name: string): string[][] {
  return name
    .split(/,|\bor\b/i)
    .map((part) => contentStems(part).filter((w) => w !== 'other' && w !== 'someth' && w !== 'els'))
    .filter((words) => words.length > 0);
}

/**
 * The choices a sentence already states, for filling a question from the first
 * message: a size, a place, or every word of one way a label can be met ("the
 * light is out" -> "It is out"; "a mattress" -> "Furniture or mattresses").
 * Stricter than readChoice: yes/no lists and lone numbers are never read from a
 * sentence. With `many` (multi-choice lists) every choice met is returned;
 * otherwise only a single one.
 */
export function choicesMentioned(sentence: string, choices: readonly Choice[], many = false): number[] {
  const found = mentionedAsWritten(sentence, choices, many);
  if (found.length > 0) return found;
  const spelt = spellerOf(choices).text(sentence, false);
  return spelt === simplify(sentence) ? [] : mentionedAsWritten(spelt, choices, many);
}

function mentionedAsWritten(sentence: string, choices: readonly Choice[], many: boolean): number[] {
  const { names } = labelsOf(choices);
  if (yesNoChoice('yes', choices) !== undefined) return [];
  if (isSizeList(names)) {
    const size = sizeChoice(sizeMentioned(sentence), names);
    return size === undefined ? [] : [size];
  }
  if (placesIn(sentence).length > 0) {
    const place = positionChoice(sentence, names);
    if (place !== undefined) return [place];
  }
  const said = new Set(contentStems(sentence));
  const hits = choices.flatMap((c, i) =>
    alternatives(c.name).some((words) => words.every((w) => said.has(w))) ? [i] : [],
  );
  return many || hits.length === 1 ? hits : [];
}

/** The one choice a sentence states (single-choice lists). */
export function choiceMentioned(sentence: string, choices: readonly Choice[]): number | undefined {
  return choicesMentioned(sentence, choices)[0];
}
