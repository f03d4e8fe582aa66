import assert from 'node:assert/strict';
import { openDatabase } from '../../../storage/postgres/database.js';
import { loadMigrations, type Migration, migrate } from '../../../storage/postgres/migrate.js';
import { dropSchema, newSchemaName, requirePostgres, TEST_DATABASE_URL } from '../../helpers/postgres.js';

const TWO: Migration[] = [
  { version: 1, name: '001_things.sql', sql: 'CREATE TABLE things (id integer PRIMARY KEY)' },
  { version: 2, name: '002_more.sql', sql: 'ALTER TABLE things ADD COLUMN label text' },
];

describe('PostgreSQL migrations', () => {
  let schema: string;
  before(async function () {
    await requirePostgres(this);
  });
  beforeEach(() => {
    schema = newSchemaName();
  });
  afterEach(() => dropSchema(schema));

  const open = () => openDatabase({ url: TEST_DATABASE_URL, schema, max: 3 });

  it('applies each migration once, in order, and records it', async () => {
    const db = await open();
    try {
      const first = await migrate(db, TWO.slice(0, 1));
      assert.deepEqual(first, { applied: ['001_things.sql'], version: 1 });
      const second = await migrate(db, TWO);
      assert.deepEqual(second, { applied: ['002_more.sql'], version: 2 });
      const again = await migrate(db, TWO);
      assert.deepEqual(again, { applied: [], version: 2 });
      await db.query("INSERT INTO things (id, label) VALUES (1, 'one')");
      const rows = (await db.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
      assert.deepEqual(rows, [
        { version: 1, name: '001_things.sql' },
        { version: 2, name: '002_more.sql' },
      ]);
    } finally {
      await db.close();
    }
  });

  it('is safe when two instances start together: each migration runs once', async () => {
    const [a, b] = [await open(), await open()];
    try {
      const slow: Migration[] = [
        { version: 1, name: '001_slow.sql', sql: 'SELECT pg_sleep(0.3); CREATE TABLE things (id integer)' },
      ];
      const results = await Promise.all([migrate(a, slow), migrate(b, slow)]);
      assert.deepEqual(results.map((r) => r.applied.length).sort(), [0, 1]);
      assert.equal((await a.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]!.n, 1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rolls a failing migration back whole and does not record it', async () => {
    const db = await open();
    try {
      const broken: Migration[] = [
        TWO[0]!,
        {
          version: 2,
          name: '002_broken.sql',
          sql: 'ALTER TABLE things ADD COLUMN a text; SELECT nonsense FROM nowhere',
        },
      ];
      await assert.rejects(migrate(db, broken), /002_broken\.sql failed/);
      const columns = (
        await db.query(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'things'",
          [schema],
        )
      ).rows.map((r) => r.column_name);
      assert.deepEqual(columns, ['id']);
      assert.deepEqual((await migrate(db, TWO)).applied, ['002_more.sql']);
    } finally {
      await db.close();
    }
  });

  it('reads the project migrations as NNN_name.sql files with distinct versions, and they apply to an empty schema', async () => {
    const migrations = await loadMigrations();
    assert.ok(migrations.length > 0);
    assert.deepEqual(
      migrations.map((m) => m.version),
      [...new Set(migrations.map((m) => m.version))].sort((x, y) => x - y),
    );
    const db = await open();
    try {
      const result = await migrate(db);
      assert.equal(result.version, migrations.at(-1)!.version);
      assert.deepEqual((await migrate(db)).applied, []);
    } finally {
      await db.close();
    }
  });

  it('opens a new schema from several instances at the same moment (one creates it, none fails)', async () => {
    const opened = await Promise.all(Array.from({ length: 6 }, () => open()));
    try {
      const results = await Promise.all(opened.map((db) => migrate(db, TWO)));
      assert.equal(results.filter((r) => r.applied.length > 0).length, 1);
    } finally {
      for (const db of opened) await db.close();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await assert.rejects(
      openDatabase({ url: TEST_DATABASE_URL, schema: 'x"; DROP SCHEMA public; --' }),
      /not a schema name/,
    );
  });
});
