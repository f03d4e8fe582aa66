import type { AttributeValue, ServiceAttribute } from '../knowledge/catalog-types.js';
import { choiceMentioned, choicesMentioned, readChoice } from '../understanding/slots/choice.js';
import { countOf, readCount, readDuration, timeUnitOf } from '../understanding/slots/count.js';
import { type DateContext, dateMentioned, readDate } from '../understanding/slots/date.js';
import { wordsOf } from '../understanding/slots/words.js';
import { readYesNoSkip } from '../understanding/slots/yes-no-skip.js';
import { isSkip } from './intake-format.js';

/**
 * One service attribute (Open311 GeoReport v2): how it is asked and how an
 * answer is checked. List values are offered as numbered choices; a resident may
 * answer with the number, the key or the words of a choice.
 */
export type AttributeAnswer =
  | { readonly kind: 'value'; readonly value: string | readonly string[] }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'invalid'; readonly message: string };

export const MAX_TEXT_ATTRIBUTE = 500;

/**
 * The buttons of an attribute's question. A number question offers none: on SMS a
 * bare "1" would pick the first button (Skip) instead of meaning one.
 */
export function attributeChoices(attribute: ServiceAttribute): string[] {
  if (attribute.datatype === 'number') return [];
  const values = attribute.values?.map((v) => v.name) ?? [];
  return attribute.required ? values : [...values, 'Skip'];
}

export function attributePrompt(attribute: ServiceAttribute): string {
  const multi = attribute.datatype === 'multivaluelist' ? ' (pick one or more, e.g. "1, 3")' : '';
  const optional = attribute.required ? '' : ' Or SKIP.';
  return `${attribute.description}${multi}${optional}`;
}

export function attributeHelp(attribute: ServiceAttribute): string {
  switch (attribute.datatype) {
    case 'singlevaluelist':
      return 'Reply with the number or the words of one of the choices.';
    case 'multivaluelist':
      return 'Reply with one or more of the choices, separated by commas, e.g. "1, 3".';
    case 'number':
      return 'Reply with a number, e.g. 2.';
    case 'datetime':
      return 'Reply with a date, e.g. "yesterday" or "Nov 18".';
    default:
      return 'Reply in a few words.';
  }
}

function matchValue(values: readonly AttributeValue[], answer: string): AttributeValue | undefined {
  const index = readChoice(answer, values);
  return index === undefined ? undefined : values[index];
}

function choicesList(values: readonly AttributeValue[]): string {
  return values.map((v, i) => `${i + 1}. ${v.name}`).join(', ');
}

export function parseAttribute(
  attribute: ServiceAttribute,
  answer: string,
  now: Date,
  timeZone: string,
): AttributeAnswer {
  const text = answer.trim();
  if (text.length === 0) return { kind: 'invalid', message: "I didn't get an answer." };
  const values = attribute.values ?? [];
  // "no" is an answer to a Yes/No list, and nothing to give for any other optional question.
  const listed = attribute.datatype.endsWith('list') ? matchValue(values, text) : undefined;
  if (!attribute.required && !listed && isSkip(text)) return { kind: 'skipped' };
  switch (attribute.datatype) {
    case 'singlevaluelist': {
      const match = listed;
      if (match) return { kind: 'value', value: match.key };
      // "not sure" to a question with no "I don't know" choice: a best guess is still an answer.
      if (readYesNoSkip(text) === 'skip')
        return { kind: 'invalid', message: "That's OK - your best guess is fine." };
      return {
        kind: 'invalid',
        message: `"${text.slice(0, 40)}" isn't one of the choices: ${choicesList(values)}.`,
      };
    }
    case 'multivaluelist': {
      // Every choice the answer states in full ("weeds n trash": overgrown, trash), when it states several.
      const stated = choicesMentioned(text, values, true);
      if (stated.length > 1) return { kind: 'value', value: stated.map((i) => values[i]!.key) };
      const parts = text
        .split(/\s*(?:,|;|\band\b|\bn\b|\by\b|&|\+)\s*|\s+(?=\d+\b)/i)
        .filter((p) => p.length > 0);
      // One choice whose words hold "and" ("Icy and not plowed") is read whole; else each part is a choice.
      if (listed && (parts.length === 1 || !parts.every((p) => matchValue(values, p))))
        return { kind: 'value', value: [listed.key] };
      const keys: string[] = [];
      for (const p of parts) {
        const match = matchValue(values, p);
        // "tires like 20 of them": a part that is no choice, beside one the answer states.
        if (!match && stated.length === 1) return { kind: 'value', value: [values[stated[0]!]!.key] };
        if (!match) {
          return {
            kind: 'invalid',
            message: `"${p.slice(0, 40)}" isn't one of the choices: ${choicesList(values)}.`,
          };
        }
        if (!keys.includes(match.key)) keys.push(match.key);
      }
      return keys.length > 0
        ? { kind: 'value', value: keys }
        : { kind: 'invalid', message: "I didn't get a choice." };
    }
    case 'number': {
      const plain = text.replace(/,/g, '');
      const unit = timeUnitOf(attribute.description);
      const n = /^\d+(?:\.\d+)?$/.test(plain)
        ? Number(plain)
        : ((unit ? readDuration(text, unit) : undefined) ?? readCount(text));
      if (n !== undefined && Number.isFinite(n) && n >= 0) return { kind: 'value', value: String(n) };
      return { kind: 'invalid', message: `"${text.slice(0, 40)}" isn't a number I can use.` };
    }
    case 'datetime': {
      const date = readDate(text, { now, timeZone });
      if (date) return { kind: 'value', value: date.toISOString() };
      return { kind: 'invalid', message: "I didn't understand that date." };
    }
    case 'string':
    case 'text':
      if (text.length > MAX_TEXT_ATTRIBUTE) {
        return { kind: 'invalid', message: `Please keep this under ${MAX_TEXT_ATTRIBUTE} characters.` };
      }
      return { kind: 'value', value: text };
    default: {
      const unknown: never = attribute.datatype;
      return { kind: 'invalid', message: `Unsupported attribute type ${String(unknown)}.` };
    }
  }
}

/** How a stored value reads in the summary: list keys become their names. */
export function describeAttributeValue(
  attribute: ServiceAttribute,
  value: string | readonly string[],
): string {
  const keys = typeof value === 'string' ? [value] : value;
  const names = keys.map((k) => attribute.values?.find((v) => v.key === k)?.name ?? k);
  return names.join(', ');
}

/**
 * The word of an attribute's question that names what is counted: "How many
 * lights in a row are out?" -> light, "How many floors does the home have?" ->
 * floor (not home: "a single family home" counts no floors).
 */
const countedWords = (attribute: ServiceAttribute): string[] => {
  const said = wordsOf(attribute.description);
  const at = said.findIndex((w, i) => w === 'many' && said[i - 1] === 'how');
  const noun = at >= 0 ? said[at + 1] : undefined;
  return noun ? [noun.replace(/s$/, '')] : [];
};

/**
 * The value a sentence (the resident's first message, without its address)
 * already gives for an attribute: a choice it names ("huge" -> large, "right
 * lane" -> travel lane), a count next to what is counted ("3 lights out"), a
 * past day ("since last week"). Free-text attributes are never filled this way.
 */
export function attributeMentioned(
  attribute: ServiceAttribute,
  sentence: string,
  context: DateContext,
): string | readonly string[] | undefined {
  const values = attribute.values ?? [];
  switch (attribute.datatype) {
    case 'singlevaluelist': {
      const index = choiceMentioned(sentence, values);
      return index === undefined ? undefined : values[index]!.key;
    }
    case 'multivaluelist': {
      const keys = choicesMentioned(sentence, values, true).map((i) => values[i]!.key);
      return keys.length > 0 ? keys : undefined;
    }
    case 'number': {
      const n = countOf(sentence, countedWords(attribute));
      return n === undefined ? undefined : String(n);
    }
    case 'datetime':
      return dateMentioned(sentence, context)?.toISOString();
    default:
      return undefined;
  }
}

/**
 * After two answers that could not be read: the resident's words become the
 * attribute's free text (string attributes) or a note filed with the description,
 * and a required list takes its "other" or "don't know" value when it has one.
 */
export function keepWords(
  attribute: ServiceAttribute,
  answer: string,
): { readonly value?: string; readonly note?: string } {
  const words = answer.trim().slice(0, MAX_TEXT_ATTRIBUTE);
  if (attribute.datatype === 'string' || attribute.datatype === 'text') return { value: words };
  const note = `${attribute.description} ${words}`;
  if (!attribute.required) return { note };
  const fallback = attribute.values?.find((v) => /^(?:other|unknown|something-else)$/.test(v.key));
  return fallback ? { value: fallback.key, note } : { note };
}
