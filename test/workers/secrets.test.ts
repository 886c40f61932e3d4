import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, expect, it } from 'vitest'
import { decryptSecret, importSecretKey } from '../../apps/worker/crypto.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { addZendeskConnection, createTenant } from './http.ts'
import { install } from './outbound.ts'

beforeAll(install)

const TOKEN = 'zd-secret-token-123'

/** Every value of every table of the tenant's SQLite, as text (blobs decoded as UTF-8). */
function dumpDatabase(storage: DurableObjectStorage): string {
  const tables = storage.sql
    .exec<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%'",
    )
    .toArray()
  return tables
    .map(({ name }) =>
      JSON.stringify(
        storage.sql.exec(`SELECT * FROM "${name}"`).toArray(),
        (_key, value: unknown) =>
          value instanceof ArrayBuffer ? new TextDecoder().decode(value) : value,
      ),
    )
    .join('\n')
}

it('keeps connection secrets encrypted at rest, bound to their connection', async () => {
  const { tenantId } = await createTenant()
  const created = await addZendeskConnection(tenantId)
  const connectionId = created.json?.id as string

  const { dump, blob } = await runInDurableObject(tenantStub(env, tenantId), (_instance, state) => {
    const row = state.storage.sql
      .exec<{ credentials: ArrayBuffer }>(
        'SELECT credentials FROM connections WHERE id = ?',
        connectionId,
      )
      .one()
    return { dump: dumpDatabase(state.storage), blob: new TextDecoder().decode(row.credentials) }
  })

  expect(dump).toContain(connectionId)
  expect(dump).not.toContain(TOKEN)
  expect(dump).not.toContain('ops@acme.example')
  expect(blob).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)

  // It is the real secret, sealed: it opens with the key and this connection's context only.
  const key = await importSecretKey(env.CXLENS_SECRET_KEY)
  const auth = JSON.parse(await decryptSecret(key, blob, `${tenantId}/${connectionId}`))
  expect(auth).toEqual({ kind: 'api_token', email: 'ops@acme.example', token: TOKEN })
  await expect(decryptSecret(key, blob, `${tenantId}/con_other`)).rejects.toThrow()
})

it('stores only a hash of the API key', async () => {
  const { tenantId, apiKey } = await createTenant()
  const secret = apiKey.slice(`cxl_${tenantId}_`.length)
  const dump = await runInDurableObject(tenantStub(env, tenantId), (_i, state) =>
    dumpDatabase(state.storage),
  )
  expect(dump).toContain(tenantId)
  expect(dump).not.toContain(secret)
})
