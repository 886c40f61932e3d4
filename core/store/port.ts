/**
 * The store's only dependency: a synchronous SQL connection. Durable Object SQLite
 * (`ctx.storage.sql` + `transactionSync`) in the worker, `node:sqlite` in Node tests and benchmarks.
 */
export type SqlValue = string | number | null | ArrayBuffer | Uint8Array
export type SqlRow = Record<string, SqlValue>

export interface SqlPort {
  /** Runs one statement and returns its rows (empty for writes). */
  all<T extends SqlRow = SqlRow>(sql: string, ...params: SqlValue[]): T[]
  /** Runs one statement for its effect. */
  run(sql: string, ...params: SqlValue[]): void
  /** Runs `fn` atomically: everything it wrote commits, or nothing does. */
  transaction<T>(fn: () => T): T
}
