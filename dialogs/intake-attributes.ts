import * as chrono from 'chrono-node';
import type { AttributeValue, ServiceAttribute } from '../knowledge/catalog-types.js';
import { commandText, isSkip, zoneOffsetMinutes } from './intake-format.js';

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

export function attributeChoices(attribute: ServiceAttribute): string[] {
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
  const text = commandText(answer);
  const index = /^\d+$/.test(text) ? Number(text) - 1 : -1;
  if (index >= 0) return values[index];
  return (
    values.find((v) => commandText(v.key) === text || commandText(v.name) === text) ??
    values.find((v) => commandText(v.name).startsWith(text) && text.length >= 3)
  );
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
  if (!attribute.required && isSkip(text)) return { kind: 'skipped' };
  if (text.length === 0) return { kind: 'invalid', message: "I didn't get an answer." };
  const values = attribute.values ?? [];
  switch (attribute.datatype) {
    case 'singlevaluelist': {
      const match = matchValue(values, text);
      if (match) return { kind: 'value', value: match.key };
      return {
        kind: 'invalid',
        message: `"${text.slice(0, 40)}" isn't one of the choices: ${choicesList(values)}.`,
      };
    }
    case 'multivaluelist': {
      const parts = text.split(/\s*(?:,|;|\band\b|&|\+)\s*|\s+(?=\d+\b)/i).filter((p) => p.length > 0);
      const keys: string[] = [];
      for (const p of parts) {
        const match = matchValue(values, p);
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
      const n = /^-?\d+(?:\.\d+)?$/.test(text.replace(/,/g, ''))
        ? Number(text.replace(/,/g, ''))
        : Number.NaN;
      if (Number.isFinite(n) && n >= 0) return { kind: 'value', value: String(n) };
      return { kind: 'invalid', message: `"${text.slice(0, 40)}" isn't a number I can use.` };
    }
    case 'datetime': {
      const date = chrono.parseDate(text, { instant: now, timezone: zoneOffsetMinutes(now, timeZone) });
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
