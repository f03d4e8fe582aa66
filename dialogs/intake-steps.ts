import type { Activity } from 'botbuilder';
import * as chrono from 'chrono-node';
import type { CatalogService, RoutingRule } from '../knowledge/catalog-types.js';
import { extractLocation, isVagueLocation, normalizeAddress } from '../requests/address.js';
import { attributeChoices, attributeHelp, attributePrompt, parseAttribute } from './intake-attributes.js';
import { isSkip, zoneOffsetMinutes } from './intake-format.js';
import { locationFromActivity, photoFromActivity } from './intake-geo.js';
import type { IntakeCatalog } from './intake-ports.js';
import { matchService } from './intake-service.js';
import type { Contact, Draft, StepKey } from './intake-state.js';

/**
 * The answer-taking steps of the intake (service, location, attributes,
 * description, photo, when noticed, contact): what each asks, its help, and how
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
    case 'photo':
      return { text: 'Send a photo if you have one, or reply SKIP.', choices: ['Skip'] };
    case 'noticed':
      return {
        text: 'When did you first notice it? (e.g. yesterday, 2 weeks ago) Or SKIP.',
        choices: ['Today', 'Yesterday', 'Skip'],
      };
    case 'contact':
      return {
        text: 'Can the city contact you about it? Send your name and a phone number or email, or SKIP.',
        choices: ['Skip'],
      };
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
    case 'photo':
      return 'Attach a picture of the problem to your next message, or reply SKIP to go on without one.';
    case 'noticed':
      return 'Tell me roughly when you first saw it, like "yesterday", "last Tuesday" or "2 weeks ago". Reply SKIP if you are not sure.';
    case 'contact':
      return 'Optional: your name and a phone number or email so the city can ask about the problem. Reply SKIP to stay anonymous.';
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
  const address = extractLocation(input.text)?.address ?? normalizeAddress(input.text);
  if (address) {
    return {
      kind: 'done',
      draft: { ...draft, location: { address }, duplicateOf: undefined },
      ack: `Got it: ${address}.`,
    };
  }
  if (isVagueLocation(input.text)) {
    return { kind: 'retry', message: 'A crew needs an exact spot to find it.' };
  }
  return { kind: 'retry', message: "I couldn't read an address in that." };
}

function takeNoticed(draft: Draft, input: StepInput): StepResult {
  if (isSkip(input.text)) return { kind: 'done', draft: { ...draft, noticedAt: undefined } };
  const ref = { instant: input.now, timezone: zoneOffsetMinutes(input.now, input.timeZone) };
  const date = chrono.parseDate(input.text, ref, { forwardDate: false });
  if (!date) return { kind: 'retry', message: "I didn't understand that date." };
  if (date.getTime() > input.now.getTime() + 60_000) {
    return { kind: 'retry', message: 'That date is in the future - I need when you first noticed it.' };
  }
  return { kind: 'done', draft: { ...draft, noticedAt: date.toISOString() } };
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})\b/;

/** Parses "Jane Doe 215-555-0100 jane@example.org" (any of the three). */
export function parseContact(text: string): Contact | { readonly error: string } {
  let rest = text;
  const email = EMAIL.exec(rest)?.[0];
  if (email) rest = rest.replace(email, ' ');
  else if (rest.includes('@')) return { error: "That email address doesn't look complete." };
  const phoneMatch = PHONE.exec(rest);
  const phone = phoneMatch ? `${phoneMatch[1]}-${phoneMatch[2]}-${phoneMatch[3]}` : undefined;
  if (phoneMatch) rest = rest.replace(phoneMatch[0], ' ');
  else if ((rest.match(/\d/g) ?? []).length >= 7) return { error: "That phone number doesn't look right." };
  const name = rest
    .replace(
      /\b(?:my name is|name is|name:|i am|im|i'm|this is|call me at|call me|email me at|email|phone|text me at|and|or)\b/gi,
      ' ',
    )
    .replace(/[,;:/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const validName = /^[\p{L}][\p{L} .'-]{0,59}$/u.test(name) ? name : undefined;
  if (name.length > 0 && !validName && !email && !phone)
    return { error: "I couldn't read a name, phone or email." };
  if (!validName && !email && !phone) return { error: "I couldn't read a name, phone or email." };
  return {
    ...(validName ? { name: validName } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
  };
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
  if (attribute) {
    const answer = parseAttribute(attribute, input.text, input.now, input.timeZone);
    if (answer.kind === 'invalid') return { kind: 'retry', message: answer.message };
    const attributes = { ...draft.attributes };
    if (answer.kind === 'value') attributes[attribute.code] = answer.value;
    else delete attributes[attribute.code];
    return { kind: 'done', draft: { ...draft, attributes } };
  }
  const text = input.text.trim();
  switch (step) {
    case 'service': {
      const rule = routeFor(text, catalog);
      if (rule) return { kind: 'routed', rule };
      const found = matchService(catalog, text);
      if (!found) return { kind: 'retry', message: "I couldn't tell which kind of problem that is." };
      const address = extractLocation(text)?.address;
      const location = draft.location ?? (address ? { address } : undefined);
      const ack = `OK, a ${found.name.toLowerCase()} report.${address ? ` Got it: ${address}.` : ''}`;
      return {
        kind: 'done',
        draft: { ...draft, service: found.code, ...(location ? { location } : {}) },
        ack,
      };
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
    case 'photo': {
      const url = photoFromActivity(input.activity) ?? (/^https?:\/\/\S+$/i.test(text) ? text : undefined);
      if (url) return { kind: 'done', draft: { ...draft, mediaUrl: url }, ack: 'Thanks for the photo.' };
      if (isSkip(text)) return { kind: 'done', draft: { ...draft, mediaUrl: undefined } };
      return { kind: 'retry', message: "I didn't get a photo." };
    }
    case 'noticed':
      return takeNoticed(draft, input);
    case 'contact': {
      if (isSkip(text)) return { kind: 'done', draft: { ...draft, contact: undefined } };
      const contact = parseContact(text);
      if ('error' in contact) return { kind: 'retry', message: contact.error };
      return { kind: 'done', draft: { ...draft, contact } };
    }
    default:
      return { kind: 'retry', message: '' };
  }
}
