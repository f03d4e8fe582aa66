import type { Activity } from 'botbuilder';
import { type DateContext, dateMentioned, speaksOfTime } from '../understanding/slots/date.js';
import { readYesNoSkip } from '../understanding/slots/yes-no-skip.js';
import { formatDay, isSkip } from './intake-format.js';
import { photoFromActivity } from './intake-geo.js';
import type { Contact, Draft } from './intake-state.js';

/**
 * The one optional step before the summary, as 311 products ask it: "Anything
 * to add?" A single answer may hold a photo (an attachment or a link), when the
 * problem was first noticed, and a name, phone or email for follow-up; other
 * words are added to the report as the resident wrote them. "No" files it.
 */
export const EXTRAS_PROMPT =
  'Anything to add? Send a photo, say when you first noticed it, or leave a name or number for follow-up - or reply NO to file it.';

export const EXTRAS_HELP =
  'Optional: attach a photo, say when you first saw the problem ("last week"), or give a name and phone or email so the city can follow up. Reply NO to go on without.';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})\b/;
const URL_ONLY = /^https?:\/\/\S+$/i;
const URL = /\bhttps?:\/\/\S+/i;

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
  if (!validName && !email && !phone) return { error: "I couldn't read a name, phone or email." };
  return {
    ...(validName ? { name: validName } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
  };
}

/** A name said as one ("my name is Ana Ruiz", "this is Sam"), or a capitalised name beside a phone or email. */
const NAMED =
  /\b(?:my name is|name is|name:|this is|call me|ask for|i am|i'm)\s+(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,2})/u;
const NAME_BEFORE = /(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,2})[\s,:;-]*$/u;
const NAME_AFTER = /^[\s,:;-]*(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,2})\s*$/u;
/** Capitalised words that are days and months, not names ("since last Tuesday, Jane Doe"). */
const CALENDAR =
  /^(?:mon|tues?|wed|thu|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?$|^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/** The capitalised name right before or after the phone or email, without day or month words. */
function nameBeside(
  text: string,
  at: number,
  end: number,
): { readonly name: string; readonly raw: string } | undefined {
  const found = NAME_BEFORE.exec(text.slice(0, at)) ?? NAME_AFTER.exec(text.slice(end));
  if (!found) return undefined;
  const words = found[1]!.split(/\s+/);
  while (words.length > 0 && CALENDAR.test(words[0]!)) words.shift();
  return words.length > 0 ? { name: words.join(' '), raw: found[1]! } : undefined;
}

/** The contact details in an extras answer (never put in the public description), and what is left. */
function contactIn(text: string): { readonly contact?: Contact; readonly rest: string } {
  const email = EMAIL.exec(text)?.[0];
  const phoneMatch = PHONE.exec(email ? text.replace(email, ' ') : text);
  const phone = phoneMatch ? `${phoneMatch[1]}-${phoneMatch[2]}-${phoneMatch[3]}` : undefined;
  let rest = text;
  if (email) rest = rest.replace(email, ' ');
  if (phoneMatch) rest = rest.replace(phoneMatch[0], ' ');
  const named = NAMED.exec(rest);
  let name = named?.[1];
  if (named) rest = rest.replace(named[0], ' ');
  const first = email ?? phoneMatch?.[0];
  if (!name && first) {
    const at = text.indexOf(first);
    const beside = nameBeside(text, at, at + first.length);
    if (beside) {
      name = beside.name;
      rest = rest.replace(beside.raw, ' ');
    }
  }
  if (!email && !phone && !name) return { rest: text };
  const contact: Contact = {
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
  };
  return { contact, rest };
}

export type ExtrasResult =
  | { readonly kind: 'done'; readonly draft: Draft; readonly ack?: string }
  | { readonly kind: 'retry'; readonly message: string };

/** Reads everything an "Anything to add?" answer gives; asks again only for a bare "yes". */
export function takeExtras(
  draft: Draft,
  text: string,
  activity: Pick<Partial<Activity>, 'attachments'>,
  context: DateContext,
): ExtrasResult {
  const said = text.trim();
  const url = photoFromActivity(activity) ?? (URL_ONLY.test(said) ? said : URL.exec(said)?.[0]);
  const words = url ? said.replace(url, ' ').trim() : said;
  if (!url && readYesNoSkip(words) === 'yes')
    return { kind: 'retry', message: 'Go ahead: send the photo, the date or your contact details.' };
  if (
    words === '' ||
    isSkip(words) ||
    /^(?:thats? (?:it|all)|all good|just file it|file it)\b/i.test(words)
  ) {
    return url
      ? { kind: 'done', draft: { ...draft, mediaUrl: url }, ack: 'Thanks for the photo.' }
      : { kind: 'done', draft };
  }
  if (words.includes('@') && !EMAIL.test(words))
    return { kind: 'retry', message: "That email address doesn't look complete." };
  const { contact, rest } = contactIn(words);
  const noticed = dateMentioned(rest, context);
  const added: string[] = [];
  let next: Draft = draft;
  if (url) {
    next = { ...next, mediaUrl: url };
    added.push('the photo');
  }
  if (noticed) {
    next = { ...next, noticedAt: noticed.toISOString() };
    added.push(`noticed ${formatDay(noticed.toISOString(), context.timeZone)}`);
  }
  if (contact) {
    next = { ...next, contact: { ...draft.contact, ...contact } };
    added.push('your contact details');
  }
  // Words that give no date or contact are more about the problem: filed with the description.
  if (!noticed && !contact) {
    const note = speaksOfTime(rest) ? `Noticed: ${rest.trim()}` : rest.trim();
    next = { ...next, notes: [...(draft.notes ?? []), note.slice(0, 300)] };
    added.push('your words');
  }
  return { kind: 'done', draft: next, ack: `Thanks - I added ${added.join(', ')}.` };
}
