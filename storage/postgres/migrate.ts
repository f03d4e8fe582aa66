import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/**
 * The schema lives in versioned SQL files, storage/postgres/migrations/
 * `NNN_name.sql`, applied in order, each in its own transaction, and recorded
 * in `schema_migrations`. Instances run this at start-up: a session advisory
 * lock (one per schema) makes a second instance wait until the first is done,
 * then find nothing left to apply. A file already applied is never edited;
 * a change is a new file.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrationResult {
  /** Names of the migrations this call applied (empty when the schema was up to date). */
  readonly applied: readonly string[];
  /** The schema's version afterwards. */
  readonly version: number;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of names) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`${file}: migration files are named NNN_name.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`${file}: version ${version} twice`);
    migrations.push({ version, name: file, sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

export async function migrate(db: Database, migrations?: readonly Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await loadMigrations());
  const client = await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`open311-bot:migrate:${db.schema}`]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (row) => row.version,
        ),
      );
      const applied: string[] = [];
      let version = Math.max(0, ...done);
      for (const migration of all) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(
            `migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        applied.push(migration.name);
        version = Math.max(version, migration.version);
      }
      return { applied, version };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`open311-bot:migrate:${db.schema}`]);
    }
  } finally {
    client.release();
  }
}
