/**
 * Single use of OAuth `state`: each state's id is recorded (D1) until it expires, with its PKCE
 * verifier (never put in the URL). The callback consumes it in one conditional UPDATE, so a second
 * use of the same state, even concurrent, finds nothing. Own table, created lazily like the
 * directory's.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS oauth_states (
  state_id TEXT PRIMARY KEY,
  vendor TEXT NOT NULL,
  verifier TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms INTEGER
)`

let ready: Promise<unknown> | null = null

async function prepared(db: D1Database): Promise<D1Database> {
  ready ??= db
    .prepare(SCHEMA)
    .run()
    .catch((error) => {
      ready = null
      throw error
    })
  await ready
  return db
}

export async function recordState(
  db: D1Database,
  state: { id: string; vendor: string; verifier: string; expiresMs: number },
  nowMs: number,
): Promise<void> {
  const d1 = await prepared(db)
  await d1.batch([
    // Expired states are kept no longer than they could be replayed.
    d1.prepare('DELETE FROM oauth_states WHERE expires_ms < ?').bind(nowMs),
    d1
      .prepare(
        'INSERT INTO oauth_states (state_id, vendor, verifier, expires_ms) VALUES (?, ?, ?, ?)',
      )
      .bind(state.id, state.vendor, state.verifier, state.expiresMs),
  ])
}

/** The state's PKCE verifier, once; null when unknown, used, expired or of another vendor. */
export async function consumeState(
  db: D1Database,
  id: string,
  vendor: string,
  nowMs: number,
): Promise<string | null> {
  const d1 = await prepared(db)
  const row = await d1
    .prepare(
      `UPDATE oauth_states SET used_ms = ?
       WHERE state_id = ? AND vendor = ? AND used_ms IS NULL AND expires_ms > ?
       RETURNING verifier`,
    )
    .bind(nowMs, id, vendor, nowMs)
    .first<{ verifier: string }>()
  return row?.verifier ?? null
}
