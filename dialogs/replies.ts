import { type Activity, ActivityTypes } from 'botbuilder';
import type { TopicId } from '../knowledge/types.js';
import { type Explain, explainData } from './explain.js';

/**
 * What the general dialogs say. Facts about reaching 311 come from the city's
 * own publications (phone hours, the walk-in center in Room 167 of City Hall);
 * the number is 311 itself and emergencies go to 911.
 */
export const REACH_311 =
  'You can also call 311 (weekdays 8am-8pm, Saturday 9am-5pm) or visit the 311 walk-in center in Room 167 of City Hall during business hours.';

export const MENU_CHOICES = ['Report a problem', 'Check a request', 'Trash day', 'Contact 311'] as const;
/** Menu choices that name one article: answered directly, never left to the fuzzy search. */
export const MENU_TOPICS: Readonly<Record<string, string>> = {
  'trash day': 'trash-collection-day',
  'contact 311': 'contact-311',
};
export const YES_NO = ['Yes', 'No'] as const;

export const texts = {
  menu: (city: string) =>
    `Hi! I'm the ${city} 311 assistant. Ask me about city services (like "what day is trash pickup?"), report a problem such as a pothole or a broken street light, or check a request with its tracking number. For an emergency, call 911.`,
  noMatch: () =>
    `Sorry, I don't have an answer for that. Try a few words like "trash day" or "report a pothole", or reply MENU. ${REACH_311} For an emergency, call 911.`,
  empty: () =>
    'I didn\'t catch any words. Tell me in a few words what you need, like "trash day" or "pothole on Spruce St", or reply MENU.',
  photoOnly: () =>
    'Thanks for the picture. Tell me in a few words what it shows and where, like "pothole at 1234 Spruce St".',
  clarify: () => 'I found a few things that could match. Which one did you mean?',
  offerReport: () => 'Want me to report it?',
  reportPrompt: () =>
    'What is the problem, and where is it? For example: "pothole at 1234 Spruce St" or "street light out at 26th and Oxford".',
  reportByPhone: () => `I can't file that here yet. ${REACH_311}`,
  declined: () => "OK, I won't report it. Is there anything else I can help with?",
  cancelled: () => 'OK, I stopped that. What else can I help with?',
  welcome: (city: string) => texts.menu(city),
} as const;

/** A message reply, optionally with choices (imBack, title = value) and an explanation. */
export function reply(
  text: string,
  options: { readonly choices?: readonly string[]; readonly explain?: Explain } = {},
): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text };
  if (options.choices && options.choices.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: options.choices.map((c) => ({ type: 'imBack', title: c, value: c })),
    };
  }
  if (options.explain) activity.channelData = explainData(options.explain);
  return activity;
}

/** An explanation with no topic (menu, fallback, bad input). */
export function plainExplain(outcome: Explain['outcome'], topic: TopicId | null = null): Explain {
  return { outcome, topic, score: 0, alternatives: [] };
}
