import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { SqlPort } from '../../core/store/index.ts'
import type { UnifiedRecord } from '../../core/model/index.ts'
import { derivePendingSlice } from '../../core/sync/derive.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'

/** Records written under a real connection, as its sync would, then derived. */
export async function writeUnder(tenantId: string, connectionId: string, records: UnifiedRecord[]) {
  await runInDurableObject(tenantStub(env, tenantId), (instance: Tenant) => {
    instance.store.writePage({
      connectionId,
      stream: 'people',
      records,
      quarantined: [],
      cursor: null,
      state: { status: 'idle', lastSuccessMs: Date.now() },
    })
    while (derivePendingSlice(instance.store, { now: Date.now() }).remaining > 0);
  })
}

/** The object's tables (SQLite's own and workerd's excepted). */
export function tables(sql: SqlPort): string[] {
  return sql
    .all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
    )
    .map((r) => r.name)
}

/** Every row of every table, as text: what a search for a person's traces reads. */
export function everyRow(sql: SqlPort): { table: string; text: string }[] {
  return tables(sql).flatMap((table) =>
    sql.all(`SELECT * FROM "${table}"`).map((row) => ({
      table,
      text: JSON.stringify(row, (_k, v: unknown) =>
        v instanceof ArrayBuffer || v instanceof Uint8Array ? '[blob]' : v,
      ).toLowerCase(),
    })),
  )
}

/** Rows holding any of the traces (case-insensitive), by table. */
export function rowsWith(sql: SqlPort, traces: string[]): string[] {
  const needles = traces.map((t) => t.toLowerCase())
  return everyRow(sql)
    .filter((row) => needles.some((n) => row.text.includes(n)))
    .map((row) => `${row.table}: ${row.text.slice(0, 200)}`)
}

/** Rows of data (migration bookkeeping aside). */
export function dataRows(sql: SqlPort): number {
  return tables(sql)
    .filter((t) => !/schema_migrations$/.test(t))
    .reduce(
      (n, t) => n + Number(sql.all<{ n: number }>(`SELECT count(*) AS n FROM "${t}"`)[0]?.n),
      0,
    )
}

export function inObject<T>(
  tenantId: string,
  fn: (instance: Tenant, state: DurableObjectState) => T | Promise<T>,
) {
  return runInDurableObject(tenantStub(env, tenantId), fn)
}
