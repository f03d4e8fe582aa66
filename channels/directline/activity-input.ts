import type { Activity } from 'botbuilder';
import { DirectLineError } from './directline-error.js';

/** Longest message text a resident can send. */
export const MAX_TEXT_LENGTH = 4_000;
const MAX_ENTITIES = 10;
const ACCEPTED_TYPES = new Set(['message', 'event', 'typing']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The parts of a client-posted activity we pass to the bot. Identity fields
 * (from, recipient, conversation, channelId, id, timestamp) are never taken
 * from the client: the token decides them. Attachments only come through the
 * upload endpoint, where they are checked.
 */
export function parsePostedActivity(body: unknown, options: { withFiles?: boolean } = {}): Partial<Activity> {
  if (!isRecord(body)) throw new DirectLineError('BAD_ACTIVITY', 'The body must be an activity object.');
  const type = body.type;
  if (typeof type !== 'string' || !ACCEPTED_TYPES.has(type)) {
    throw new DirectLineError('BAD_ACTIVITY', 'The activity type must be message, event or typing.');
  }
  const activity: Partial<Activity> = { type };
  if (body.text !== undefined) {
    if (typeof body.text !== 'string') throw new DirectLineError('BAD_ACTIVITY', 'text must be a string.');
    if (body.text.length > MAX_TEXT_LENGTH) {
      throw new DirectLineError('BAD_ACTIVITY', `text can be at most ${MAX_TEXT_LENGTH} characters.`);
    }
    activity.text = body.text;
  }
  if (typeof body.textFormat === 'string') activity.textFormat = body.textFormat;
  if (typeof body.locale === 'string' && body.locale.length <= 20) activity.locale = body.locale;
  if (typeof body.name === 'string' && body.name.length <= 100) activity.name = body.name;
  if (body.value !== undefined) activity.value = body.value;
  if (isRecord(body.channelData)) activity.channelData = body.channelData;
  if (body.entities !== undefined) {
    if (
      !Array.isArray(body.entities) ||
      body.entities.length > MAX_ENTITIES ||
      !body.entities.every(isRecord)
    ) {
      throw new DirectLineError(
        'BAD_ACTIVITY',
        `entities must be a list of at most ${MAX_ENTITIES} objects.`,
      );
    }
    activity.entities = body.entities as Activity['entities'];
  }
  if (
    type === 'message' &&
    !options.withFiles &&
    !activity.text &&
    activity.value === undefined &&
    !activity.entities?.length
  ) {
    throw new DirectLineError('BAD_ACTIVITY', 'A message needs text, a value or an entity.');
  }
  return activity;
}
