import pg from 'pg';

/**
 * The one PostgreSQL connection pool of a process. Every store of
 * storage/postgres/ queries through it; only the composition root opens it.
 *
 * - `schema` (DATABASE_SCHEMA) puts every table of the bot in its own schema,
 *   created when missing; each connection's `search_path` is set to it, so the
 *   SQL names tables unqualified. Tests use a schema per run.
 * - `transaction` runs a function on one client between BEGIN and COMMIT and
 *   rolls back on any error, so a change and what must go with it (a status
 *   change and its notices) are stored together or not at all.
 */
export interface DatabaseOptions {
  /** postgres://user@host:port/database */
  readonly url: string;
  /** Schema for the bot's tables; default `public`. */
  readonly schema?: string;
  /** Pool size; default 10. */
  readonly max?: number;
  /** Fails a query that waits longer than this for a connection (ms); default 10 s. */
  readonly connectionTimeoutMs?: number;
  /** Called with connection errors of idle clients (a restarted server), which must not crash the process. */
  readonly onError?: (error: Error) => void;
}

/** What a store's query helpers take: the pool (`Database`) or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

export interface Database {
  readonly schema: string;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** One client for a session-level lock or LISTEN; release it when done. */
  connect(): Promise<pg.PoolClient>;
  /** True when the server answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Identifiers cannot be bound as parameters: the schema name is checked and quoted instead. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`"${schema}" is not a schema name (lower-case letters, digits and _, up to 63)`);
  }
  return `"${schema}"`;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  const quoted = quoteSchema(schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    // Every connection names our schema first; `public` stays reachable for extensions.
    options: `-c search_path=${quoted},public`,
  });
  pool.on('error', (error) => options.onError?.(error));
  try {
    if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
  } catch (error) {
    // IF NOT EXISTS is not safe against a second instance creating the schema at the same moment:
    // the loser gets a unique violation (23505) or duplicate_schema (42P06), and the schema is there.
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /**
   * A client taken from the pool listens for errors while it is out: the
   * server going away (a restart, a failover) emits 'error' on a client that
   * is idle between queries - a transaction's, a held advisory lock's - and an
   * unheard 'error' event would end the process.
   */
  const checkout = async (): Promise<pg.PoolClient> => {
    const client = await pool.connect();
    const onError = (error: Error) => options.onError?.(error);
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (destroy?: Error | boolean) => {
      client.off('error', onError);
      // A destroyed connection may still report its end: keep listening, it is never reused.
      if (destroy) client.on('error', () => undefined);
      return release(destroy);
    };
    return client;
  };

  return {
    schema,
    query: (text, values) => pool.query(text, values as unknown[] | undefined),
    async transaction(work) {
      const client = await checkout();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    connect: checkout,
    async ping(timeoutMs = 2_000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          pool.query('SELECT 1').then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          }),
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.end(),
  };
}
