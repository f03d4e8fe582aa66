import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../storage/postgres/database.js';
import { migrate } from '../../storage/postgres/migrate.js';

/**
 * PostgreSQL for tests: the server this machine kind runs (127.0.0.1:5432,
 * trust auth, database `test`), or TEST_DATABASE_URL. Each suite gets a schema
 * of its own, `t_<random>`, migrated like production and dropped afterwards,
 * so runs never see each other's rows.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<string | undefined> | undefined;

/** Undefined when the server answers; otherwise why not. Asked once per process. */
function whyUnreachable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/**
 * Call from a mocha `before`: skips the suite with a visible reason when no
 * server answers, but fails when CI=true (a skipped database suite must not
 * pass for one that ran), as the browser tests do.
 */
export async function requirePostgres(ctx: Mocha.Context): Promise<void> {
  const why = await whyUnreachable();
  if (why === undefined) return;
  const reason = `PostgreSQL not reachable at ${TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')} (${why}): PostgreSQL tests SKIPPED`;
  if (process.env.CI === 'true') throw new Error(`${reason} - failing because CI=true`);
  console.warn(`\n  !! ${reason}\n`);
  ctx.skip();
}

export function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly url: string;
  readonly schema: string;
  /** A migrated pool over the schema; opened by `before`, closed by `after`. */
  readonly db: Database;
  /** Another pool over the same schema, as a second instance or a restarted process would open it. */
  open(): Promise<Database>;
}

/**
 * Mocha hooks for a suite that needs PostgreSQL: a fresh, migrated schema for
 * the suite (dropped afterwards), and every pool it opened closed.
 */
export function usePostgres(): TestDatabase {
  const schema = newSchemaName();
  const pools: Database[] = [];
  let main: Database | undefined;
  const open = async () => {
    const db = await openDatabase({ url: TEST_DATABASE_URL, schema, max: 4 });
    pools.push(db);
    return db;
  };
  before(async function () {
    await requirePostgres(this);
    main = await open();
    await migrate(main);
  });
  after(async () => {
    for (const db of pools.splice(0)) await db.close().catch(() => undefined);
    if (main) await dropSchema(schema);
  });
  return {
    url: TEST_DATABASE_URL,
    schema,
    get db() {
      if (!main) throw new Error('usePostgres: the database opens in `before`');
      return main;
    },
    open,
  };
}
