import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../../core/store/migrations/index.ts'
import { tenantStub } from '../client.ts'
import type { Tenant } from '../tenant.ts'
import { migrateWorker, WORKER_MIGRATIONS, WORKER_MIGRATIONS_TABLE } from './index.ts'

const names = WORKER_MIGRATIONS.map((m) => m.name)

describe('worker migrations', () => {
  it('are applied in order when the object starts, each recorded once', async () => {
    const stub = tenantStub(env, `t${'m'.repeat(20)}`)
    await runInDurableObject(stub, (instance: Tenant) => {
      const { sql } = instance.store
      const applied = sql.all<{ id: number; name: string }>(
        `SELECT id, name FROM ${WORKER_MIGRATIONS_TABLE} ORDER BY id`,
      )
      expect(applied.map((r) => r.name)).toEqual(names)
      expect(applied.map((r) => r.id)).toEqual(WORKER_MIGRATIONS.map((m) => m.id))
      expect(migrateWorker(sql, Date.now())).toEqual([])
    })
  })

  it('adopt the tables of an object created before they were numbered, keeping its rows', async () => {
    const stub = tenantStub(env, `t${'n'.repeat(20)}`)
    await runInDurableObject(stub, (instance: Tenant) => {
      const { sql } = instance.store
      // As such an object is: the worker's tables with rows, and no record of any migration.
      sql.run(`DROP TABLE ${WORKER_MIGRATIONS_TABLE}`)
      sql.run("INSERT INTO worker_tenant VALUES (1, 'tnnnnnnnnnnnnnnnnnnnn', 'Old', 'hash', 1)")
      sql.run(
        "INSERT INTO worker_schedule (connection_id, every_minutes, next_run_ms) VALUES ('con_x', 5, 9)",
      )
      sql.run("INSERT INTO worker_webhook_events VALUES ('zendesk:acme:1', 7)")
      expect(migrateWorker(sql, 42)).toEqual(names)
      expect(sql.all('SELECT name, api_key_hash FROM worker_tenant')).toEqual([
        { name: 'Old', api_key_hash: 'hash' },
      ])
      expect(sql.all('SELECT connection_id, next_run_ms FROM worker_schedule')).toEqual([
        { connection_id: 'con_x', next_run_ms: 9 },
      ])
      expect(sql.all('SELECT event_key FROM worker_webhook_events')).toEqual([
        { event_key: 'zendesk:acme:1' },
      ])
      expect(sql.all(`SELECT applied_ms FROM ${WORKER_MIGRATIONS_TABLE}`)).toEqual(
        names.map(() => ({ applied_ms: 42 })),
      )
      // The store's own migrations are recorded apart and untouched.
      expect(sql.all('SELECT count(*) AS n FROM schema_migrations')).toEqual([
        { n: MIGRATIONS.length },
      ])
    })
  })
})
