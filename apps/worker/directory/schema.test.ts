import type { D1Migration } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { accountKey, Directory } from './directory.ts'
import { DIRECTORY_SCHEMA } from './schema.ts'

const normalise = (sql: string) =>
  sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim()

it('the lazy schema and the D1 migrations say the same thing', () => {
  const { TEST_MIGRATIONS } = env as unknown as { TEST_MIGRATIONS: D1Migration[] }
  const fromFiles = TEST_MIGRATIONS.flatMap((m) => m.queries)
    .map(normalise)
    .filter(Boolean)
  expect(fromFiles).toEqual(DIRECTORY_SCHEMA.map(normalise))
})

it('routes an external account to exactly one tenant', async () => {
  const directory = new Directory(env.DIRECTORY)
  const now = new Date().toISOString()
  await directory.addTenant({ tenantId: 'ta', name: 'A', createdAt: now })
  await directory.addTenant({ tenantId: 'tb', name: 'B', createdAt: now })
  expect(await directory.linkAccount(accountKey('zendesk', 'acme'), 'ta', now)).toBe(true)
  expect(await directory.linkAccount(accountKey('zendesk', 'acme'), 'ta', now)).toBe(true)
  expect(await directory.linkAccount(accountKey('zendesk', 'acme'), 'tb', now)).toBe(false)
  expect(await directory.tenantForAccount('zendesk:acme')).toBe('ta')
  expect(await directory.tenantForAccount('hubspot:123')).toBeNull()
  expect(await directory.listTenantIds('', 10)).toEqual(['ta', 'tb'])
  expect(await directory.listTenantIds('ta', 10)).toEqual(['tb'])
})
