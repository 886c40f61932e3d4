// The only file in core allowed to import node:*: a test and benchmark adapter, never bundled in the
// worker (the worker adapts `ctx.storage.sql` + `transactionSync` instead).
import { DatabaseSync } from 'node:sqlite'
import type { SqlPort, SqlRow, SqlValue } from './port.ts'

/** A SqlPort over `node:sqlite`, in memory by default. Nested transactions become savepoints. */
export function openNodeSqlite(path = ':memory:'): SqlPort & { close(): void } {
  const db = new DatabaseSync(path)
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>()
  const prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
  const bind = (params: SqlValue[]) =>
    params.map((p) => (p instanceof ArrayBuffer ? new Uint8Array(p) : p))
  let depth = 0

  return {
    all<T extends SqlRow = SqlRow>(sql: string, ...params: SqlValue[]): T[] {
      return prepare(sql).all(...bind(params)) as T[]
    },
    run(sql: string, ...params: SqlValue[]): void {
      prepare(sql).run(...bind(params))
    },
    transaction<T>(fn: () => T): T {
      const savepoint = `sp${depth}`
      db.exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`)
      depth++
      let result: T
      try {
        result = fn()
      } catch (error) {
        depth--
        db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`)
        throw error
      }
      depth--
      try {
        db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`)
      } catch (error) {
        // A failed COMMIT (e.g. the file is busy) leaves the transaction open: end it, keep depth.
        if (depth === 0 && db.isTransaction) db.exec('ROLLBACK')
        throw error
      }
      return result
    },
    close: () => db.close(),
  }
}
