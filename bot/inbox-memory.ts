import { type Clock, systemClock } from './clock.js';
import type { AcceptOutcome, Inbox, InboxMessage } from './inbox.js';

/**
 * An inbox in process memory, for tools and tests that run channels without
 * DATA_DIR. It de-duplicates and tracks pending messages like the durable
 * ones, but a restart forgets everything: never the store of a running bot.
 */
export function createMemoryInbox(clock: Clock = systemClock): Inbox {
  interface Entry {
    message: InboxMessage;
    done: boolean;
    leaseUntil: number;
  }
  const entries = new Map<string, Entry>();
  const key = (channel: string, id: string) => `${channel}\u0000${id}`;
  return {
    async accept(message, leaseMs): Promise<AcceptOutcome> {
      const k = key(message.channel, message.id);
      if (entries.has(k)) return 'duplicate';
      const now = clock().getTime();
      entries.set(k, {
        message: { ...message, receivedAt: new Date(now).toISOString(), attempts: 1 },
        done: false,
        leaseUntil: now + leaseMs,
      });
      return 'new';
    },
    async extend(channel, id, leaseMs) {
      const entry = entries.get(key(channel, id));
      if (entry && !entry.done) entry.leaseUntil = clock().getTime() + leaseMs;
    },
    async done(channel, id) {
      const entry = entries.get(key(channel, id));
      if (entry) entry.done = true;
    },
    async claimPending(limit, leaseMs) {
      const now = clock().getTime();
      const claimed: InboxMessage[] = [];
      for (const entry of entries.values()) {
        if (claimed.length >= limit) break;
        if (entry.done || entry.leaseUntil > now) continue;
        entry.leaseUntil = now + leaseMs;
        entry.message = { ...entry.message, attempts: entry.message.attempts + 1 };
        claimed.push(entry.message);
      }
      return claimed;
    },
    async prune(olderThanMs) {
      const cutoff = clock().getTime() - olderThanMs;
      let removed = 0;
      for (const [k, entry] of entries) {
        if (entry.done && Date.parse(entry.message.receivedAt) < cutoff) {
          entries.delete(k);
          removed += 1;
        }
      }
      return removed;
    },
    close: async () => undefined,
  };
}
