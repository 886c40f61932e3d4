import { MIGRATIONS, type Migration } from './migrations/index.ts'
import type { SqlPort } from './port.ts'

/** Applies the migrations not applied yet, each in its own transaction; returns their names. */
export function applyMigrations(
  sql: SqlPort,
  nowMs: number,
  migrations: readonly Migration[] = MIGRATIONS,
): string[] {
  sql.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)',
  )
  const applied = new Set(
    sql.all<{ id: number }>('SELECT id FROM schema_migrations').map((row) => Number(row.id)),
  )
  const names: string[] = []
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue
    sql.transaction(() => {
      // One statement per call: node:sqlite prepares a single statement at a time.
      for (const statement of migration.sql.split(/;\s*(?:\n|$)/)) {
        if (statement.trim()) sql.run(statement)
      }
      sql.run(
        'INSERT INTO schema_migrations (id, name, applied_ms) VALUES (?, ?, ?)',
        migration.id,
        migration.name,
        nowMs,
      )
    })
    names.push(migration.name)
  }
  return names
}
