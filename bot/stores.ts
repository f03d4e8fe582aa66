import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import type { AttemptCounter } from '../requests/attempt-counter.js';
import { createLowdbLiaisonStore } from '../requests/liaison-lowdb-store.js';
import type { LiaisonStore } from '../requests/liaison-types.js';
import { createLowdbAttemptCounter } from '../requests/lowdb-attempt-counter.js';
import { createLowdbRequestStore } from '../requests/lowdb-request-store.js';
import type { RequestStore } from '../requests/types.js';
import { type Clock, systemClock } from './clock.js';
import {
  type ConversationStore,
  createLowdbConversationStore,
  createMemoryConversationStore,
} from './conversation-store.js';
import { type CorrectionsStore, createLowdbCorrectionsStore } from './corrections-store.js';
import type { Inbox } from './inbox.js';
import { openFileInbox } from './inbox-file.js';
import { createMemoryInbox } from './inbox-memory.js';
import { type Logger, silentLogger } from './logger.js';
import { LowdbStorage } from './lowdb-storage.js';
import { createLowdbOptOutStore, createMemoryOptOutStore, type OptOutStore } from './opt-out-store.js';

/** Bot state (conversation and user state) as botbuilder reads and writes it, plus a clean close. */
export interface StateStorage extends Storage {
  /** Resolves once every write made so far is durable (the inbox marks a message done after it). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every store the bot keeps, behind the ports the layers declare. Opened in
 * one place, the composition root (bot/main.ts), from the configuration:
 * lowdb files in DATA_DIR (`openLowdbStores`, the embedded default) or
 * PostgreSQL (storage/postgres/, when DATABASE_URL is set).
 */
export interface Stores {
  readonly kind: 'lowdb' | 'postgres';
  readonly state: StateStorage;
  readonly requests: RequestStore;
  readonly liaisons: LiaisonStore;
  readonly conversations: ConversationStore;
  readonly optOuts: OptOutStore;
  readonly corrections: CorrectionsStore;
  /** Webhook deliveries stored before they are acknowledged (bot/inbox.ts). */
  readonly inbox: Inbox;
  /**
   * Rate-limit counts kept across restarts (DATA_DIR/attempts.json) or shared by every instance
   * (PostgreSQL); absent (`inMemory`): each limit counts in memory.
   */
  readonly attempts?: AttemptCounter;
  /** False while the stores cannot take writes (the database is unreachable): /readyz answers 503. */
  ready(): Promise<boolean>;
  /** Flushes what is pending and closes every store. */
  close(): Promise<void>;
}

export interface LowdbStoresOptions {
  /** DATA_DIR. Ignored with `inMemory`. */
  readonly dataDir: string;
  /** Nothing written where it lasts: state in memory, files in a temporary folder removed on close (`ask`, tests). */
  readonly inMemory?: boolean;
  readonly stateIdleMinutes?: number;
  readonly conversationRetentionDays?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The embedded default: one lowdb file per store in DATA_DIR. */
export async function openLowdbStores(options: LowdbStoresOptions): Promise<Stores> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const scratch = options.inMemory ? await mkdtemp(join(tmpdir(), 'open311-bot-')) : undefined;
  const dir = scratch ?? options.dataDir;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    if (scratch) closers.push(() => rm(scratch, { recursive: true, force: true }));
    const state = await LowdbStorage.open({
      ...(options.inMemory ? {} : { file: join(dir, 'state.json') }),
      ...(options.stateIdleMinutes ? { idleMs: options.stateIdleMinutes * 60_000 } : {}),
      clock,
      logger,
    });
    closers.push(() => state.close());
    const requests = await createLowdbRequestStore({ file: join(dir, 'requests.json'), clock });
    closers.push(() => requests.close());
    const liaisons = await createLowdbLiaisonStore({ file: join(dir, 'liaisons.json') });
    closers.push(() => liaisons.close());
    const conversations = options.inMemory
      ? createMemoryConversationStore(clock, options.conversationRetentionDays)
      : await createLowdbConversationStore(join(dir, 'conversations.json'), {
          retentionDays: options.conversationRetentionDays,
          clock,
          logger,
        });
    closers.push(() => conversations.close());
    const optOuts = options.inMemory
      ? createMemoryOptOutStore(clock)
      : await createLowdbOptOutStore(join(dir, 'optouts.json'), clock);
    const corrections = await createLowdbCorrectionsStore(join(dir, 'corrections.json'), { clock });
    const inbox = options.inMemory
      ? createMemoryInbox(clock)
      : await openFileInbox({ file: join(dir, 'inbox.jsonl'), clock, logger });
    closers.push(() => inbox.close());
    // In memory (`ask`, tests) each limit keeps its own counts; in DATA_DIR a restart forgets none.
    const attempts = options.inMemory
      ? undefined
      : await createLowdbAttemptCounter({ file: join(dir, 'attempts.json'), clock });
    if (attempts) closers.push(() => attempts.close());
    return {
      kind: 'lowdb',
      state,
      requests,
      liaisons,
      conversations,
      optOuts,
      corrections,
      inbox,
      attempts,
      ready: async () => true,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
