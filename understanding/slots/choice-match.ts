import { simplify } from './text-intents.js';

/**
 * Which of the offered choices a reply picks: its number ("2", "#2", "option 2",
 * "2nd", "the second one", "dos") or its words ("street light"). Returns the
 * 0-based index, or undefined when the reply picks none or is ambiguous.
 */
const ORDINALS: Readonly<Record<string, number>> = {
  one: 1,
  first: 1,
  uno: 1,
  primero: 1,
  primera: 1,
  two: 2,
  second: 2,
  dos: 2,
  segundo: 2,
  segunda: 2,
  three: 3,
  third: 3,
  tres: 3,
  tercero: 3,
  tercera: 3,
  four: 4,
  fourth: 4,
  cuatro: 4,
  cuarto: 4,
  cuarta: 4,
  five: 5,
  fifth: 5,
  cinco: 5,
  quinto: 5,
  quinta: 5,
};

/** Words that say nothing about which choice is meant. */
const FILLER = new Set([
  'a',
  'an',
  'the',
  'my',
  'i',
  'is',
  'it',
  'of',
  'to',
  'in',
  'on',
  'for',
  'and',
  'or',
  'about',
  'one',
  'option',
  'choice',
  'number',
  'please',
  'that',
  'this',
  'want',
  'mean',
  'meant',
  'report',
  'el',
  'la',
  'de',
]);

const NUMBERED =
  /^(?:the |number |option |choice |no |numero )?(\d{1,2})(?:st|nd|rd|th)?(?: one| option| please)?$/;
const WORDED = /^(?:the |la |el )?(\p{L}+)(?: one| option| please| opcion)?$/u;

const contentWords = (text: string): string[] =>
  simplify(text)
    .split(' ')
    // One letter left by an apostrophe ("city's" -> city s) says nothing either.
    .filter((w) => w.length > 1 && !FILLER.has(w));

export function matchChoice(reply: string, choices: readonly string[]): number | undefined {
  const text = simplify(reply);
  if (text === '') return undefined;
  const byNumber = NUMBERED.exec(text)?.[1];
  const byWord = WORDED.exec(text)?.[1];
  const position =
    byNumber !== undefined ? Number(byNumber) : byWord !== undefined ? ORDINALS[byWord] : undefined;
  if (position !== undefined) return position >= 1 && position <= choices.length ? position - 1 : undefined;

  const exact = choices.findIndex((c) => simplify(c) === text);
  if (exact >= 0) return exact;

  const said = contentWords(text);
  if (said.length === 0) return undefined;
  const scores = choices.map((choice) => {
    const offered = new Set(contentWords(choice));
    const hits = said.filter(
      (w) => offered.has(w) || [...offered].some((o) => o.startsWith(w) && w.length >= 4),
    );
    return hits.length / said.length;
  });
  const best = Math.max(...scores);
  if (best < 0.5) return undefined;
  const winners = scores.filter((s) => s === best).length;
  return winners === 1 ? scores.indexOf(best) : undefined;
}
