import type { CatalogService } from '../knowledge/catalog-types.js';
import type { Location } from '../requests/types.js';
import { describeAttributeValue } from './intake-attributes.js';
import { commandText, formatDay } from './intake-format.js';
import type { Draft, StepKey } from './intake-state.js';
import type { Prompt } from './intake-steps.js';

/**
 * The one-message summary before filing, and which step a "change ..." reply
 * goes back to.
 */
export function describeLocation(location: Location | undefined): string {
  if (!location) return 'no location';
  if (location.address) return location.address;
  return `your location (${location.lat?.toFixed(5)}, ${location.long?.toFixed(5)})`;
}

const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 3)}...` : text;

export function summaryPrompt(service: CatalogService, draft: Draft, timeZone: string): Prompt {
  const lines = [`Please check: ${service.name} at ${describeLocation(draft.location)}.`];
  for (const attribute of [...service.attributes].sort((a, b) => a.order - b.order)) {
    const value = draft.attributes[attribute.code];
    if (value !== undefined)
      lines.push(`${attribute.code.replace(/[-_]/g, ' ')}: ${describeAttributeValue(attribute, value)}`);
  }
  if (draft.description) lines.push(`"${clip(draft.description, 160)}"`);
  for (const note of draft.notes ?? []) lines.push(`Also noted: ${clip(note, 120)}`);
  lines.push(`Photo: ${draft.mediaUrl ? 'yes' : 'none'}`);
  if (draft.noticedAt) lines.push(`Noticed: ${formatDay(draft.noticedAt, timeZone)}`);
  const c = draft.contact;
  lines.push(`Contact: ${c ? [c.name, c.phone, c.email].filter(Boolean).join(', ') : 'none'}`);
  lines.push('Reply YES to file it, or say what to change (e.g. "change the address").');
  return { text: lines.join('\n'), choices: ['Yes', 'Change address', 'Change description', 'Cancel'] };
}

/** The attribute values a draft holds, as the resident reads them: "larger than a tire, in a travel lane". */
export function describeFilled(service: CatalogService, draft: Draft): string {
  return [...service.attributes]
    .sort((a, b) => a.order - b.order)
    .flatMap((a) => {
      const value = draft.attributes[a.code];
      return value === undefined ? [] : [describeAttributeValue(a, value).toLowerCase()];
    })
    .join(', ');
}

const TARGETS: readonly [RegExp, StepKey][] = [
  [/\b(?:address|location|where|street|intersection|place|spot)\b/, 'location'],
  [/\b(?:description|describe|details?|text|wording)\b/, 'description'],
  [/\b(?:photo|picture|pic|image)\b/, 'extras'],
  [/\b(?:date|when|noticed|day|time)\b/, 'extras'],
  [/\b(?:contact|name|phone|number|email|e-mail)\b/, 'extras'],
];

export type ChangeRequest =
  | { readonly kind: 'step'; readonly step: StepKey }
  | { readonly kind: 'unclear'; readonly options: readonly string[] }
  | { readonly kind: 'none' };

/** "change the address" -> location; "change size" -> that attribute; "no" -> ask what to change. */
export function changeRequested(text: string, service: CatalogService): ChangeRequest {
  const said = commandText(text);
  const asksChange =
    /^(?:change|edit|fix|update|correct|wrong|no|nope|not quite)\b/.test(said) || /\bwrong\b/.test(said);
  for (const attribute of service.attributes) {
    const names = [attribute.code.replace(/[-_]/g, ' '), ...attribute.code.split(/[-_]/)].filter(
      (n) => n.length > 2,
    );
    if (names.some((n) => new RegExp(`\\b${n}\\b`, 'i').test(said)))
      return { kind: 'step', step: `attribute:${attribute.code}` };
  }
  for (const [pattern, step] of TARGETS) if (pattern.test(said)) return { kind: 'step', step };
  if (!asksChange) return { kind: 'none' };
  const options = [
    'address',
    ...service.attributes.map((a) => a.code.replace(/[-_]/g, ' ')),
    'description',
    'photo',
    'date',
    'contact',
  ];
  return { kind: 'unclear', options };
}
