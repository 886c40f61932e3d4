export * from './tenant-store.ts'
export type { SqlPort, SqlRow, SqlValue } from './port.ts'
export { MIGRATIONS, type Migration } from './migrations/index.ts'
export { applyMigrations } from './migrate.ts'
