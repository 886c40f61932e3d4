export * from './tenant-store.ts'
export type { SqlPort, SqlRow, SqlValue } from './port.ts'
export { MIGRATIONS } from './migrations/index.ts'
