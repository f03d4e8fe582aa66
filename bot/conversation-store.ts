/**
 * Where to reach people later: the conversation reference of each
 * conversation, recorded every turn by a middleware, read by the notifier to
 * send status notices through the channel the person used. lowdb
 * (conversations.json) is the embedded default.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConversationReference, MiddlewareHandler } from 'botbuilder';
import { ActivityTypes, TurnContext } from 'botbuilder';
import type { Low } from 'lowdb';
import { JSONFilePreset } from 'lowdb/node';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Logger } from './logger.js';

export type StoredReference = Partial<ConversationReference>;

export interface ConversationStore {
  /** Stores the reference; resolves after it is durably written (a no-op when unchanged). */
  save(reference: StoredReference): Promise<void>;
  get(channel: string, conversationId: string): Promise<StoredReference | undefined>;
  /** The most recently used conversation of a user on a channel. */
  findByUser(channel: string, userId: string): Promise<StoredReference | undefined>;
}

interface StoredEntry {
  readonly reference: StoredReference;
  readonly updatedAt: string;
}
interface ConversationData {
  conversations: Record<string, StoredEntry>;
}

const keyOf = (channel: string, conversationId: string): string => `${channel}:${conversationId}`;

/** Only what is needed to reach the conversation again (no message ids, no text). */
function trim(reference: StoredReference): StoredReference {
  const { channelId, serviceUrl, conversation, user, bot, locale } = reference;
  return JSON.parse(
    JSON.stringify({ channelId, serviceUrl, conversation, user, bot, locale }),
  ) as StoredReference;
}

class ReferenceIndex {
  constructor(
    private readonly entries: Record<string, StoredEntry>,
    private readonly clock: Clock,
  ) {}

  /** Returns true when something changed and must be written. */
  put(reference: StoredReference): boolean {
    const channel = reference.channelId;
    const id = reference.conversation?.id;
    if (!channel || !id) return false;
    const trimmed = trim(reference);
    const key = keyOf(channel, id);
    const before = this.entries[key];
    if (before && JSON.stringify(before.reference) === JSON.stringify(trimmed)) return false;
    this.entries[key] = { reference: trimmed, updatedAt: this.clock().toISOString() };
    return true;
  }

  get(channel: string, conversationId: string): StoredReference | undefined {
    return this.entries[keyOf(channel, conversationId)]?.reference;
  }

  findByUser(channel: string, userId: string): StoredReference | undefined {
    let best: StoredEntry | undefined;
    for (const entry of Object.values(this.entries)) {
      if (entry.reference.channelId !== channel || entry.reference.user?.id !== userId) continue;
      if (!best || entry.updatedAt > best.updatedAt) best = entry;
    }
    return best?.reference;
  }
}

/** Opens (or creates) the conversations file, e.g. `${dataDir}/conversations.json`. */
export async function createLowdbConversationStore(
  file: string,
  clock: Clock = systemClock,
): Promise<ConversationStore> {
  await mkdir(dirname(file), { recursive: true });
  const db: Low<ConversationData> = await JSONFilePreset<ConversationData>(file, { conversations: {} });
  db.data.conversations ??= {};
  const index = new ReferenceIndex(db.data.conversations, clock);
  return {
    async save(reference) {
      if (index.put(reference)) await db.write();
    },
    async get(channel, conversationId) {
      return index.get(channel, conversationId);
    },
    async findByUser(channel, userId) {
      return index.findByUser(channel, userId);
    },
  };
}

/** An in-memory store for tools and unit tests. */
export function createMemoryConversationStore(clock: Clock = systemClock): ConversationStore {
  const index = new ReferenceIndex({}, clock);
  return {
    async save(reference) {
      index.put(reference);
    },
    async get(channel, conversationId) {
      return index.get(channel, conversationId);
    },
    async findByUser(channel, userId) {
      return index.findByUser(channel, userId);
    },
  };
}

/**
 * Turn middleware: records the conversation reference of every incoming
 * message before the bot handles it, so a request filed in this turn can be
 * notified later. A storage failure is logged and the turn goes on.
 */
export function conversationReferenceMiddleware(store: ConversationStore, logger: Logger): MiddlewareHandler {
  return async (context, next) => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message && activity.from?.id && activity.conversation?.id) {
      try {
        await store.save(TurnContext.getConversationReference(activity));
      } catch (error) {
        logger.error('conversation reference not stored', { channel: activity.channelId, error });
      }
    }
    await next();
  };
}
