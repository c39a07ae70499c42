export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './create-memory-store.js';
export { createPostgresStore, type PostgresStoreOptions } from './create-postgres-store.js';
export { createSqliteStore, type SqliteStoreOptions } from './create-sqlite-store.js';
export type { SqlStore } from './sql/create-sql-store.js';
export { latestSchemaVersion, type Migration, migrations, type SqlDialectName } from './sql/migrations.js';
