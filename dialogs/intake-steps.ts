import type { Activity } from 'botbuilder';
import type { CatalogService, RoutingRule } from '../knowledge/catalog-types.js';
import { addressIn, isVagueLocation, readAddress } from '../understanding/slots/address.js';
import { dateMentioned } from '../understanding/slots/date.js';
import {
  attributeChoices,
  attributeHelp,
  attributeMentioned,
  attributePrompt,
  describeAttributeValue,
  keepWords,
  parseAttribute,
} from './intake-attributes.js';
import { EXTRAS_HELP, EXTRAS_PROMPT, takeExtras } from './intake-extras.js';
import { isSkip } from './intake-format.js';
import { locationFromActivity } from './intake-geo.js';
import type { IntakeCatalog } from './intake-ports.js';
import { matchService } from './intake-service.js';
import type { Draft, StepKey } from './intake-state.js';

export { parseContact } from './intake-extras.js';

/**
 * The answer-taking steps of the intake (service, location, attributes,
 * description, and the extras: photo, when noticed, contact): what each asks, its help, and how
 * an answer is checked. Pure functions of the answer and the draft; the dialog
 * does the talking. The duplicate offer and the summary live in the dialog.
 */
export const MAX_DESCRIPTION = 1000;

export interface StepInput {
  readonly text: string;
  readonly activity: Pick<Partial<Activity>, 'entities' | 'attachments' | 'channelData'>;
  readonly now: Date;
  readonly timeZone: string;
}

export type StepResult =
  | { readonly kind: 'done'; readonly draft: Draft; readonly ack?: string }
  | { readonly kind: 'retry'; readonly message: string }
  | { readonly kind: 'routed'; readonly rule: RoutingRule };

export interface Prompt {
  readonly text: string;
  readonly choices: readonly string[];
}

const attributeOf = (step: StepKey, service: CatalogService | undefined) =>
  step.startsWith('attribute:') ? service?.attributes.find((a) => `attribute:${a.code}` === step) : undefined;

/** A routing rule that sends this report elsewhere (911, Water Department, state DOT, owner). */
export function routeFor(
  text: string,
  catalog: IntakeCatalog,
  service?: CatalogService,
): RoutingRule | undefined {
  return catalog.route(text, service?.code);
}

export function promptFor(step: StepKey, service: CatalogService | undefined): Prompt {
  const attribute = attributeOf(step, service);
  if (attribute) return { text: attributePrompt(attribute), choices: attributeChoices(attribute) };
  switch (step) {
    case 'service':
      return {
        text: 'What would you like to report? For example: a pothole, a street light out, graffiti or illegal dumping.',
        choices: [],
      };
    case 'location':
      return {
        text: 'Where is it? Send a street address or the nearest intersection (e.g. 1234 Spruce St or 26th & Oxford).',
        choices: [],
      };
    case 'description':
      return { text: 'Describe the problem in a sentence or two.', choices: [] };
    case 'extras':
    case 'photo':
    case 'noticed':
    case 'contact':
      return { text: EXTRAS_PROMPT, choices: ['No'] };
    default:
      return { text: '', choices: [] };
  }
}

export function helpFor(step: StepKey, service: CatalogService | undefined): string {
  const attribute = attributeOf(step, service);
  if (attribute) return attributeHelp(attribute);
  switch (step) {
    case 'service':
      return 'Tell me what the problem is in a few words, like "pothole" or "graffiti".';
    case 'location':
      return 'I need where the problem is: a house number and street (1234 Spruce St) or two cross streets (26th & Oxford). "Near my house" is not enough for a crew to find it.';
    case 'description':
      return `A short description helps the crew: what it is, how big, anything dangerous. Up to ${MAX_DESCRIPTION.toLocaleString('en-US')} characters.`;
    case 'extras':
    case 'photo':
    case 'noticed':
    case 'contact':
      return EXTRAS_HELP;
    case 'duplicate':
      return 'Reply ADD ME to follow the open report and hear when it is fixed, or NEW if your problem is a different one.';
    case 'confirm':
      return 'Reply YES to file the report, or say what to change, e.g. "change the address" or "change description".';
    default:
      return '';
  }
}

function takeLocation(
  draft: Draft,
  input: StepInput,
  catalog: IntakeCatalog,
  service?: CatalogService,
): StepResult {
  const geo = locationFromActivity(input.activity);
  if (geo) {
    const where = geo.address ?? `your location (${geo.lat?.toFixed(5)}, ${geo.long?.toFixed(5)})`;
    return {
      kind: 'done',
      draft: { ...draft, location: geo, duplicateOf: undefined },
      ack: `Got it: ${where}.`,
    };
  }
  const rule = routeFor(input.text, catalog, service);
  if (rule) return { kind: 'routed', rule };
  const address = readAddress(input.text);
  if (address) {
    // "1500 Park Ave, its huge": what the rest says fills its questions.
    const raw = addressIn(input.text)?.raw;
    const rest = raw ? input.text.replace(raw, ' ') : '';
    const others = service ? otherAttributes(service, draft, rest, input) : { attributes: {}, noted: [] };
    const noted = others.noted.length > 0 ? ` Noted: ${others.noted.join(', ')}.` : '';
    return {
      kind: 'done',
      draft: {
        ...draft,
        location: { address },
        duplicateOf: undefined,
        attributes: { ...draft.attributes, ...others.attributes },
      },
      ack: `Got it: ${address}.${noted}`,
    };
  }
  if (isVagueLocation(input.text)) {
    return { kind: 'retry', message: 'A crew needs an exact spot to find it.' };
  }
  return { kind: 'retry', message: "I couldn't read an address in that." };
}

/** Checks the answer to one step and returns the updated draft, a reason to ask again, or a routing. */
export function takeAnswer(
  step: StepKey,
  service: CatalogService | undefined,
  draft: Draft,
  input: StepInput,
  catalog: IntakeCatalog,
): StepResult {
  const attribute = attributeOf(step, service);
  if (attribute && service) {
    const answer = parseAttribute(attribute, input.text, input.now, input.timeZone);
    // An answer may give another question's value too ("its in the bike lane" to the size): kept for it.
    const others = otherAttributes(service, draft, input.text, input, attribute.code);
    const attributes = { ...draft.attributes, ...others.attributes };
    const noted = others.noted.length > 0 ? `Noted: ${others.noted.join(', ')}.` : undefined;
    if (answer.kind === 'invalid') {
      // It answered another question: an optional one asked is not asked again.
      if (noted && !attribute.required) return { kind: 'done', draft: { ...draft, attributes }, ack: noted };
      return { kind: 'retry', message: noted ? `${noted} ${answer.message}` : answer.message };
    }
    if (answer.kind === 'value') attributes[attribute.code] = answer.value;
    else delete attributes[attribute.code];
    return { kind: 'done', draft: { ...draft, attributes }, ...(noted ? { ack: noted } : {}) };
  }
  const text = input.text.trim();
  switch (step) {
    case 'service': {
      const rule = routeFor(text, catalog);
      if (rule) return { kind: 'routed', rule };
      const found = matchService(catalog, text);
      if (!found) return { kind: 'retry', message: "I couldn't tell which kind of problem that is." };
      const address = addressIn(text)?.address;
      const location = draft.location ?? (address ? { address } : undefined);
      const ack = `OK, a ${found.name.toLowerCase()} report.${address ? ` Got it: ${address}.` : ''}`;
      const filled = prefill(found, { ...draft, service: found.code }, text, input);
      return { kind: 'done', draft: { ...filled, ...(location ? { location } : {}) }, ack };
    }
    case 'location':
      return takeLocation(draft, input, catalog, service);
    case 'description': {
      if (text.length > MAX_DESCRIPTION) {
        return {
          kind: 'retry',
          message: `That's ${text.length.toLocaleString('en-US')} characters - too long to file. Please keep the description under ${MAX_DESCRIPTION.toLocaleString('en-US')} characters (a few sentences).`,
        };
      }
      // The crew needs something to go on: "skip", "idk" or "no" is not a description.
      if (text.length < 3 || isSkip(text)) {
        return {
          kind: 'retry',
          message: 'I need a few words about the problem so the crew knows what to look for.',
        };
      }
      const rule = routeFor(text, catalog, service);
      if (rule) return { kind: 'routed', rule };
      return { kind: 'done', draft: { ...draft, description: text } };
    }
    case 'extras':
    case 'photo':
    case 'noticed':
    case 'contact':
      return takeExtras(draft, text, input.activity, input);
    default:
      return { kind: 'retry', message: '' };
  }
}

/** Words that only ask to report, or only point: not a description of the problem. */
const NOT_DESCRIBING = new Set(
  'report reporting file make want need like would please there theres is are a an the at on in of to for i im my we'.split(
    ' ',
  ),
);
const wordList = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const sameWord = (a: string, b: string): boolean => a === b || `${a}s` === b || `${b}s` === a;

/**
 * Whether the first message describes the problem beyond naming the service:
 * "huge pothole in the right lane" does, "pothole at 1234 Spruce St" and
 * "report a pothole" do not (the description question is still asked).
 */
export function describesProblem(service: CatalogService, text: string, address?: string): boolean {
  if (/\?\s*$/.test(text)) return false;
  const own = [service.name, service.code.replace(/-/g, ' '), ...service.keywords].flatMap(wordList);
  const rest = wordList(address ? text.replace(address, ' ') : text);
  return rest.some((w) => !NOT_DESCRIBING.has(w) && !own.some((o) => sameWord(o, w)) && !/^\d+$/.test(w));
}

/**
 * Fills what the resident's first message already says - attributes (a size, a
 * place, a count, a choice's words), when it was noticed, and the message
 * itself as the description when it describes the problem or says where it is
 * ("pothole at 1500 Park Ave": the service and the place) - so the bot asks
 * only for what is missing. Nothing already in the draft is replaced.
 */
export function prefill(
  service: CatalogService,
  draft: Draft,
  text: string,
  context: Pick<StepInput, 'now' | 'timeZone'>,
): Draft {
  const trimmed = text.trim();
  if (trimmed === '') return draft;
  const located = addressIn(trimmed);
  const rest = located ? trimmed.replace(located.raw, ' ') : trimmed;
  const attributes = { ...draft.attributes };
  for (const attribute of service.attributes) {
    if (attributes[attribute.code] !== undefined) continue;
    const value = attributeMentioned(attribute, rest, context);
    if (value !== undefined) attributes[attribute.code] = value;
  }
  // A message that names the problem and where it is is the description: it is not asked for.
  const described =
    draft.description === undefined &&
    trimmed.length <= MAX_DESCRIPTION &&
    (describesProblem(service, trimmed, located?.raw) || (located !== undefined && !/\?\s*$/.test(trimmed)));
  const noticed = draft.noticedAt === undefined ? readNoticed(rest, context) : undefined;
  return {
    ...draft,
    attributes,
    ...(described ? { description: trimmed } : {}),
    ...(noticed ? { noticedAt: noticed } : {}),
  };
}

/**
 * The values an answer gives for the service's other questions not yet
 * answered (a choice, a size, a place, a count said beside what is counted),
 * and how each reads for the resident ("in a bike lane").
 */
function otherAttributes(
  service: CatalogService,
  draft: Draft,
  text: string,
  context: Pick<StepInput, 'now' | 'timeZone'>,
  except?: string,
): { readonly attributes: Record<string, string | readonly string[]>; readonly noted: string[] } {
  const attributes: Record<string, string | readonly string[]> = {};
  const noted: string[] = [];
  if (text.trim() === '') return { attributes, noted };
  for (const other of service.attributes) {
    if (other.code === except || draft.attributes[other.code] !== undefined) continue;
    // Dates are the extras' business ("since monday" is when it was noticed).
    if (other.datatype === 'datetime') continue;
    const value = attributeMentioned(other, text, context);
    if (value === undefined) continue;
    attributes[other.code] = value;
    noted.push(describeAttributeValue(other, value).toLowerCase());
  }
  return { attributes, noted };
}

function readNoticed(text: string, context: Pick<StepInput, 'now' | 'timeZone'>): string | undefined {
  return dateMentioned(text, context)?.toISOString();
}

const quoted = (text: string): string =>
  `"${text.trim().slice(0, 80)}${text.trim().length > 80 ? '...' : ''}"`;

/**
 * The third answer to a question that was not understood twice: the bot keeps
 * the resident's words (as the value, the attribute's free text, or a note
 * filed with the description) and moves on, saying so. Undefined when the step
 * cannot go on without a readable answer (the service, a required Yes/No).
 */
export function keepAnswer(
  step: StepKey,
  service: CatalogService | undefined,
  draft: Draft,
  text: string,
): { readonly draft: Draft; readonly ack: string } | undefined {
  const words = text.trim();
  const notes = (note: string): readonly string[] => [...(draft.notes ?? []), note];
  const attribute = attributeOf(step, service);
  if (attribute) {
    const kept = keepWords(attribute, words);
    if (attribute.required && kept.value === undefined) return undefined;
    const attributes = { ...draft.attributes };
    if (kept.value !== undefined)
      attributes[attribute.code] = attribute.datatype === 'multivaluelist' ? [kept.value] : kept.value;
    const next: Draft = { ...draft, attributes, ...(kept.note && words ? { notes: notes(kept.note) } : {}) };
    return { draft: next, ack: `I'll pass on your words as they are: ${quoted(words)}.` };
  }
  switch (step) {
    case 'location': {
      if (words === '') return undefined;
      const address = words.slice(0, 120);
      return {
        draft: { ...draft, location: { address }, duplicateOf: undefined },
        ack: `I'll pass on your words as the location: ${quoted(address)}.`,
      };
    }
    case 'description': {
      const description =
        words.length >= 3 && !isSkip(words) ? words.slice(0, MAX_DESCRIPTION) : service?.name;
      if (!description) return undefined;
      return { draft: { ...draft, description }, ack: "OK, I'll file it with what you've told me." };
    }
    case 'extras':
    case 'photo':
    case 'noticed':
    case 'contact':
      // Extras are optional, and contact words stay out of the public description: go on without them.
      return { draft, ack: "OK, let's go on without it." };
    default:
      return undefined;
  }
}
