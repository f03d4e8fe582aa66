import type { Clock } from '../../bot/clock.js';
import { systemClock } from '../../bot/clock.js';
import type { DatabaseConfig } from '../../bot/config.js';
import type { Logger } from '../../bot/logger.js';
import type { Stores } from '../../bot/stores.js';
import { createPostgresAttemptCounter } from './attempt-counters.js';
import { PostgresStateStorage } from './bot-state-storage.js';
import { createPostgresConversationStore } from './conversation-store.js';
import { createPostgresCorrectionsStore } from './corrections-store.js';
import { type Database, openDatabase } from './database.js';
import { createPostgresInbox } from './inbox.js';
import { createPostgresLiaisonStore } from './liaison-store.js';
import { migrate } from './migrate.js';
import { createPostgresOptOutStore } from './opt-out-store.js';
import { createPostgresRequestStore } from './request-store.js';

export interface PostgresStoresOptions {
  readonly database: DatabaseConfig;
  readonly stateIdleMinutes?: number;
  readonly conversationRetentionDays?: number;
  readonly clock?: Clock;
  readonly logger: Logger;
  /** An open pool to use instead of opening one (tests); it is not closed with the stores. */
  readonly db?: Database;
}

/**
 * Every store on PostgreSQL (DATABASE_URL): one pool, the schema migrated
 * first (under the migrations' advisory lock, so instances starting together
 * are safe), nothing of the data set held in memory. `ready()` is false while
 * the server does not answer, so /readyz sends the load balancer elsewhere.
 */
export async function openPostgresStores(
  options: PostgresStoresOptions,
): Promise<Stores & { readonly db: Database }> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const db =
    options.db ??
    (await openDatabase({
      url: options.database.url,
      schema: options.database.schema,
      max: options.database.poolSize,
      onError: (error) => logger.warn('database connection lost; the pool reconnects', { error }),
    }));
  const ownsPool = options.db === undefined;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  if (ownsPool) closers.push(() => db.close());
  try {
    const migrated = await migrate(db);
    if (migrated.applied.length > 0) {
      logger.info('database schema migrated', {
        applied: migrated.applied.join(', '),
        version: migrated.version,
      });
    }
    const state = await PostgresStateStorage.open(db, {
      ...(options.stateIdleMinutes ? { idleMs: options.stateIdleMinutes * 60_000 } : {}),
      clock,
      logger,
    });
    closers.push(() => state.close());
    const requests = await createPostgresRequestStore({ db, clock });
    closers.push(() => requests.close());
    const liaisons = await createPostgresLiaisonStore({ db });
    closers.push(() => liaisons.close());
    const conversations = await createPostgresConversationStore(db, {
      retentionDays: options.conversationRetentionDays,
      clock,
      logger,
    });
    closers.push(() => conversations.close());
    const inbox = createPostgresInbox({ db, clock });
    closers.push(() => inbox.close());
    return {
      kind: 'postgres',
      db,
      state,
      requests,
      liaisons,
      conversations,
      optOuts: createPostgresOptOutStore(db, clock),
      corrections: createPostgresCorrectionsStore(db, { clock }),
      inbox,
      attempts: createPostgresAttemptCounter(db, { clock }),
      ready: () => db.ping(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
