/**
 * The directory schema, applied lazily on first use so `wrangler dev` works offline with no extra
 * step; `migrations/0001_create_directory.sql` holds the same statements for `wrangler d1 migrations
 * apply` (a workers test fails if the two drift).
 */
export const DIRECTORY_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS tenants (
  tenant_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS accounts (
  account_key TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
)`,
  `CREATE INDEX IF NOT EXISTS accounts_by_tenant ON accounts (tenant_id)`,
]

const ready = new WeakMap<D1Database, Promise<void>>()

/** Once per isolate and database: every statement is idempotent, so a race only repeats work. */
export function ensureDirectorySchema(db: D1Database): Promise<void> {
  let done = ready.get(db)
  if (!done) {
    done = db
      .batch(DIRECTORY_SCHEMA.map((sql) => db.prepare(sql)))
      .then(() => undefined)
      .catch((err: unknown) => {
        ready.delete(db)
        throw err
      })
    ready.set(db, done)
  }
  return done
}
