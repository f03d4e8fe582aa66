/**
 * Adapters of the store ports the other layers declare. Only the composition
 * root (bot/main.ts) imports this folder.
 */
export { type Database, type DatabaseOptions, openDatabase } from './postgres/database.js';
export { loadMigrations, type Migration, type MigrationResult, migrate } from './postgres/migrate.js';
