import type { Source } from '../model/index.ts'
import type { SqlPort } from './port.ts'
import { parseJson, toBytes, toInstant } from './rows.ts'

/** A connected vendor account. Credentials are encrypted by the caller: the store keeps opaque bytes. */
export interface Connection {
  id: string
  source: Source
  account: string
  baseUrl: string
  credentials: Uint8Array | null
  settings: Record<string, unknown>
  createdAt: string
}

export type ConnectionInput = Omit<Connection, 'createdAt'>

type Row = Record<string, string | number | null | Uint8Array | ArrayBuffer>

export function putConnection(sql: SqlPort, input: ConnectionInput, nowMs: number): void {
  sql.run(
    `INSERT INTO connections (id, source, account, base_url, credentials, settings, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, account = excluded.account,
       base_url = excluded.base_url, credentials = excluded.credentials, settings = excluded.settings`,
    input.id,
    input.source,
    input.account,
    input.baseUrl,
    input.credentials,
    JSON.stringify(input.settings),
    nowMs,
  )
}

export function getConnection(sql: SqlPort, id: string): Connection | null {
  const row = sql.all<Row>('SELECT * FROM connections WHERE id = ?', id)[0]
  return row ? toConnection(row) : null
}

export function listConnections(sql: SqlPort): Connection[] {
  return sql.all<Row>('SELECT * FROM connections ORDER BY created_ms, id').map(toConnection)
}

/** Removes the connection, its stream states, runs and quarantine; synced records stay. */
export function deleteConnection(sql: SqlPort, id: string): void {
  sql.transaction(() => {
    for (const table of ['stream_state', 'runs', 'quarantine', 'connector_cache']) {
      sql.run(`DELETE FROM ${table} WHERE connection_id = ?`, id)
    }
    sql.run('DELETE FROM connections WHERE id = ?', id)
  })
}

function toConnection(row: Row): Connection {
  return {
    id: String(row.id),
    source: String(row.source) as Source,
    account: String(row.account),
    baseUrl: String(row.base_url),
    credentials: toBytes(row.credentials),
    settings: parseJson(row.settings as string),
    createdAt: toInstant(Number(row.created_ms)),
  }
}
