/**
 * Who asked not to be messaged (SMS STOP and friends). Checked before every
 * outbound message, notices included; lowdb (optouts.json) is the embedded
 * default, behind an interface so another store can replace it.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Low } from 'lowdb';
import { JSONFilePreset } from 'lowdb/node';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export interface OptOut {
  readonly channel: string;
  /** Channel user id (a phone number for SMS). Personal data. */
  readonly userId: string;
  readonly at: string;
  /** The word the person sent (STOP, UNSUBSCRIBE, ...). */
  readonly keyword: string;
}

export interface OptOutStore {
  isOptedOut(channel: string, userId: string): Promise<boolean>;
  /** Records an opt-out durably before resolving. */
  optOut(channel: string, userId: string, keyword: string): Promise<void>;
  /** Removes an opt-out (START/UNSTOP); resolves after it is stored. */
  optIn(channel: string, userId: string): Promise<void>;
}

interface OptOutData {
  optOuts: Record<string, OptOut>;
}

const keyOf = (channel: string, userId: string): string => `${channel}:${userId}`;

class LowdbOptOutStore implements OptOutStore {
  constructor(
    private readonly db: Low<OptOutData>,
    private readonly clock: Clock,
  ) {}

  async isOptedOut(channel: string, userId: string): Promise<boolean> {
    return Object.hasOwn(this.db.data.optOuts, keyOf(channel, userId));
  }

  async optOut(channel: string, userId: string, keyword: string): Promise<void> {
    if (await this.isOptedOut(channel, userId)) return;
    this.db.data.optOuts[keyOf(channel, userId)] = {
      channel,
      userId,
      keyword,
      at: this.clock().toISOString(),
    };
    await this.db.write();
  }

  async optIn(channel: string, userId: string): Promise<void> {
    if (!(await this.isOptedOut(channel, userId))) return;
    delete this.db.data.optOuts[keyOf(channel, userId)];
    await this.db.write();
  }
}

/** Opens (or creates) the opt-out file, e.g. `${dataDir}/optouts.json`. */
export async function createLowdbOptOutStore(file: string, clock: Clock = systemClock): Promise<OptOutStore> {
  await mkdir(dirname(file), { recursive: true });
  const db = await JSONFilePreset<OptOutData>(file, { optOuts: {} });
  db.data.optOuts ??= {};
  return new LowdbOptOutStore(db, clock);
}

/** An in-memory store for tools and unit tests. */
export function createMemoryOptOutStore(clock: Clock = systemClock): OptOutStore {
  const optOuts = new Map<string, OptOut>();
  return {
    async isOptedOut(channel, userId) {
      return optOuts.has(keyOf(channel, userId));
    },
    async optOut(channel, userId, keyword) {
      if (!optOuts.has(keyOf(channel, userId))) {
        optOuts.set(keyOf(channel, userId), { channel, userId, keyword, at: clock().toISOString() });
      }
    },
    async optIn(channel, userId) {
      optOuts.delete(keyOf(channel, userId));
    },
  };
}
