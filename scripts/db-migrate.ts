/**
 * `npm run db:migrate`: applies the schema migrations (storage/postgres/migrations)
 * to DATABASE_URL (and DATABASE_SCHEMA) and says what it did. Instances also
 * migrate at start-up; this runs them on their own, e.g. before a deploy.
 */
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../bot/config.js';
import { migrate, openDatabase } from '../storage/index.js';

async function run(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let database: ReturnType<typeof loadConfig>['database'];
  try {
    database = loadConfig(process.env).database;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!database) {
    process.stderr.write('DATABASE_URL is not set: there is no database to migrate (lowdb needs none).\n');
    return 2;
  }
  const db = await openDatabase({ url: database.url, schema: database.schema, max: 1 });
  try {
    const result = await migrate(db);
    process.stdout.write(
      result.applied.length === 0
        ? `schema "${database.schema}" is up to date (version ${result.version})\n`
        : `applied ${result.applied.join(', ')} to schema "${database.schema}" (now version ${result.version})\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
