import type { SqlPort, SqlRow, SqlValue } from '../../../core/store/port.ts'

/** The store's SQL port over a Durable Object's SQLite: `ctx.storage.sql` + `transactionSync`. */
export function durableSqlPort(storage: DurableObjectStorage): SqlPort {
  const bind = (params: SqlValue[]): unknown[] =>
    params.map((p) => (p instanceof Uint8Array ? p.slice().buffer : p))
  return {
    all<T extends SqlRow = SqlRow>(sql: string, ...params: SqlValue[]): T[] {
      return storage.sql.exec(sql, ...bind(params)).toArray() as T[]
    },
    run(sql: string, ...params: SqlValue[]): void {
      // Draining the cursor makes the statement run to completion before we return.
      storage.sql.exec(sql, ...bind(params)).toArray()
    },
    transaction<T>(fn: () => T): T {
      return storage.transactionSync(fn)
    },
  }
}
