import { MIGRATIONS, type Migration } from './migrations/index.ts'
import type { SqlPort } from './port.ts'

const TABLE_NAME = /^[a-z_]+$/

/**
 * Applies the migrations not applied yet, in order, each in its own transaction with its row in
 * `table` (the store's `schema_migrations` by default; another owner of tables in the same database,
 * like the worker, keeps its own list); returns their names.
 */
export function applyMigrations(
  sql: SqlPort,
  nowMs: number,
  migrations: readonly Migration[] = MIGRATIONS,
  table = 'schema_migrations',
): string[] {
  if (!TABLE_NAME.test(table)) throw new Error(`applyMigrations: bad table name ${table}`)
  sql.run(
    `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)`,
  )
  const applied = new Set(
    sql.all<{ id: number }>(`SELECT id FROM ${table}`).map((row) => Number(row.id)),
  )
  const names: string[] = []
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    if (applied.has(migration.id)) continue
    sql.transaction(() => {
      // One statement per call: node:sqlite prepares a single statement at a time.
      for (const statement of migration.sql.split(/;\s*(?:\n|$)/)) {
        if (statement.trim()) sql.run(statement)
      }
      sql.run(
        `INSERT INTO ${table} (id, name, applied_ms) VALUES (?, ?, ?)`,
        migration.id,
        migration.name,
        nowMs,
      )
    })
    names.push(migration.name)
  }
  return names
}
