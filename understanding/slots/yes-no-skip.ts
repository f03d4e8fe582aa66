import { simplify } from './simplify.js';

/**
 * Yes, no or skip, as residents say them to a question: "yep", "nah", "no photo",
 * "don't have one", "n/a", "not sure". A reading of the whole answer; a longer
 * sentence that merely contains "no" is none of them.
 */
export type YesNoSkip = 'yes' | 'no' | 'skip';

const YES =
  /^(?:yes|y|ya|yah|yeah|yea|yep|yup|yes (?:it is|i do|i am|there is|they are|please|thanks|sir|maam)|sure|ok|okay|k|correct|right|true|affirmative|absolutely|definitely|of course|i do|i am|it is|it does|they are|there is|there are|si|claro|confirm|submit|file it|send it|thats right|thats correct|looks good|sounds good|go ahead|do it|yes file it|(?:yes )?i (?:think|believe|guess) so|(?:think|guess) so|pretty sure|probably)$/;
const NO =
  /^(?:no|n|nope|nah|naw|no it (?:is not|isnt|doesnt)|no i (?:do not|dont|am not|havent)|not really|negative|i dont|i do not|i am not|im not|it is not|it isnt|it doesnt|there isnt|there are not|there arent|they are not|they arent|false|no way)$/;

/** Nothing to give: "skip", "none", "n/a", "no photo", "i don't have one", "not sure", "idk". */
const SKIP_WHOLE =
  /^(?:skip|skip it|skip this|skip that|pass|none|nothing|nada|n a|na|nil|no thanks|no thank you|not now|later|next|move on|not sure|unsure|dont know|i dont know|i do not know|no idea|idk|dunno|unknown|cant say|no clue|no se)(?: (?:really|sorry|tbh|lol|honestly|thanks|thank you))?$/;
/** Saying "no" or "none" about the thing asked for: "no photo", "no pic sorry", "none to give". */
const NEGATED_THING =
  /^(?:no|nope|nah|none|not|dont have|do not have|i dont have|i do not have|i have no|i havent got|i havent|havent got|didnt take|i didnt take|cant|i cant|couldnt|i couldnt|sin|no tengo)\b(?: (?:a|an|any|one|the|it|them|that|this|photo|photos|pic|pics|picture|pictures|image|images|camera|phone|number|name|email|contact|take|send|get|got|have|one right now|right now|sorry|thanks|thank you|on me|with me|foto))*$/;

/** Not knowing, said first and explained after: "idk havent looked", "no idea who owns it". */
const LEADING_SKIP =
  /^(?:idk|dunno|not sure|unsure|no idea|no clue|i dont know|i do not know|dont know|cant tell|i cant tell|no se|no lo se|ni idea|quien sabe)\b/;

export function readYesNoSkip(text: string | undefined): YesNoSkip | undefined {
  const said = simplify((text ?? '').replace(/[\u2019']/g, ''));
  if (said === '') return undefined;
  if (YES.test(said)) return 'yes';
  if (SKIP_WHOLE.test(said)) return 'skip';
  if (NO.test(said)) return 'no';
  if (NEGATED_THING.test(said)) return 'skip';
  const unsure = LEADING_SKIP.exec(said);
  if (unsure && !/\b(?:but|pero|yes|yeah|yep|si|no|not)\b/.test(said.slice(unsure[0].length))) return 'skip';
  return undefined;
}

export const isYes = (text: string | undefined): boolean => readYesNoSkip(text) === 'yes';
/** A plain "no" to a yes/no question. */
export const isNo = (text: string | undefined): boolean => readYesNoSkip(text) === 'no';
/** Nothing to give for an optional step: "skip", "no", "no photo", "n/a", "don't have one". */
export const isSkip = (text: string | undefined): boolean => {
  const read = readYesNoSkip(text);
  return read === 'skip' || read === 'no';
};

const LEADING_YES =
  /^(?:yes|yeah|yea|yep|yup|ya|yah|sure|si|correct|i do|i am|it is|they are|there is|there are|kinda|kind of|sort of|sorta|somewhat|a little|a bit)\b/;
/** After a leading yes, a clause about someone else: its "not" is theirs ("ya he dont answer"). */
const OTHER_SUBJECT = /^(?:but )?(?:he|she|they|the landlord|landlord|nobody|no one|el|ella)\b/;
const LEADING_NO =
  /^(?:no|nope|nah|naw|not|i dont|i do not|i am not|im not|it isnt|it is not|there isnt|there are no|they are not|they arent)\b/;

/**
 * Yes or no said first and explained after, as an answer to a yes/no question:
 * "yes it was out by 7", "yea its blocking the road", "no he ignores me",
 * "ya he dont answer" (the "dont" is the landlord's), "kinda, there's a swear word".
 */
export function leadingYesNo(text: string | undefined): 'yes' | 'no' | undefined {
  const said = simplify((text ?? '').replace(/[\u2019']/g, ''));
  if (LEADING_NO.test(said)) return 'no';
  const yes = LEADING_YES.exec(said);
  if (!yes) return undefined;
  const rest = said.slice(yes[0].length).trim();
  if (!/\b(?:but|not|dont|isnt|arent|never)\b/.test(rest) || OTHER_SUBJECT.test(rest)) return 'yes';
  return undefined;
}
