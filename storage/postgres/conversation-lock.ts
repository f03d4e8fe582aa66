import type { ConversationLock } from '../../bot/turn-queue.js';
import { type Database, openDatabase } from './database.js';

/**
 * Turns of one conversation never interleave across instances: each turn runs
 * holding a PostgreSQL session advisory lock named after its conversation
 * (hashtextextended of the key, so any key maps to a 64-bit lock id; a
 * collision only makes two conversations wait for each other).
 *
 * The lock lives on a connection of its own pool: a turn holds it while its
 * own queries use the stores' pool, so the two can never starve each other.
 * If the instance dies, the server ends its sessions and the locks go with
 * them. Chosen over eTag conflict and retry: a retried turn would send its
 * replies twice, a waiting one sends them once.
 */
export interface PostgresConversationLockOptions {
  readonly url: string;
  readonly schema: string;
  /** Turns (of different conversations) that can hold a lock at once on this instance; default 20. */
  readonly max?: number;
}

export interface PostgresConversationLock extends ConversationLock {
  close(): Promise<void>;
}

export async function createPostgresConversationLock(
  options: PostgresConversationLockOptions,
): Promise<PostgresConversationLock> {
  const db: Database = await openDatabase({
    url: options.url,
    schema: options.schema,
    max: options.max ?? 20,
  });
  const namespace = `open311-bot:turn:${options.schema}:`;
  return {
    async withLock(key, work) {
      const client = await db.connect();
      let broken = false;
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [namespace + key]);
        try {
          return await work();
        } finally {
          await client
            .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [namespace + key])
            .catch(() => {
              // The session is unusable: drop it, which releases every lock it held.
              broken = true;
            });
        }
      } finally {
        client.release(broken);
      }
    },
    close: () => db.close(),
  };
}
