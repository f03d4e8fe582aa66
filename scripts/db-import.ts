/**
 * `npm run db:import`: copies a pilot's lowdb DATA_DIR into PostgreSQL
 * (DATABASE_URL, DATABASE_SCHEMA): migrates the schema first, then imports
 * every file in one transaction (storage/postgres/import-lowdb.ts) and prints
 * what it found, imported and found already there. Running it again stores
 * nothing new. Stop the lowdb server first: the import takes DATA_DIR's lock
 * and refuses to run while a server holds it.
 *
 * Exit codes: 0 imported (or nothing new), 2 configuration error (no
 * DATABASE_URL, a bad variable, DATA_DIR not a folder), 1 any other failure
 * (an unreadable file, a locked DATA_DIR, the database): nothing is written then.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../bot/config.js';
import { migrate, openDatabase } from '../storage/index.js';
import {
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  ImportError,
  type ImportReport,
  importLowdbDataDir,
} from '../storage/postgres/import-lowdb.js';

/** The report as a table of counts, then missing files, photos and notes. */
function formatReport(report: ImportReport, uploadDir: string): string {
  const header = ['what', 'found', 'imported', 'already there'];
  const rows = IMPORT_KINDS.map((kind) => {
    const c = report.counts[kind];
    return [IMPORT_KIND_LABELS[kind], String(c.found), String(c.imported), String(c.alreadyThere)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [
    `DATA_DIR ${report.dataDir} -> schema "${report.schema}"`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ];
  if (report.missingFiles.length > 0) {
    out.push(`not in DATA_DIR (nothing of their kind): ${report.missingFiles.join(', ')}`);
  }
  const photos = report.uploads;
  out.push(
    photos.files === 0
      ? `photos: none in ${photos.dir}`
      : resolve(uploadDir) === photos.dir
        ? `photos: ${photos.files} file(s) stay in ${photos.dir} (UPLOAD_DIR); not copied into the database`
        : `photos: ${photos.files} file(s) stay in ${photos.dir}; UPLOAD_DIR is ${resolve(uploadDir)}: ` +
          'copy them there (or point UPLOAD_DIR at them) so their links keep working',
  );
  for (const note of report.notes) out.push(`note: ${note}`);
  const imported = IMPORT_KINDS.reduce((n, kind) => n + report.counts[kind].imported, 0);
  out.push(imported === 0 ? 'nothing new: everything was already there' : `${imported} record(s) imported`);
  return `${out.join('\n')}\n`;
}

async function run(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { database } = config;
  if (!database) {
    process.stderr.write('DATABASE_URL is not set: there is no database to import into.\n');
    return 2;
  }
  const db = await openDatabase({ url: database.url, schema: database.schema, max: 1 });
  try {
    const migrated = await migrate(db);
    if (migrated.applied.length > 0) {
      process.stdout.write(
        `applied ${migrated.applied.join(', ')} to schema "${database.schema}" (now version ${migrated.version})\n`,
      );
    }
    const report = await importLowdbDataDir({ dataDir: config.dataDir, db });
    process.stdout.write(formatReport(report, config.uploadDir));
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      process.stderr.write(`db:import failed: ${error.message}\n`);
      return error.code === 'data-dir-missing' ? 2 : 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`db:import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
