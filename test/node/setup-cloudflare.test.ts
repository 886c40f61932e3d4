import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  databaseIdFromList,
  directoryDatabase,
  generateSecrets,
  parseCreatedDatabaseId,
  PLACEHOLDER_DATABASE_ID,
  secretNames,
  withDatabaseId,
} from '../../scripts/cloudflare-config.ts'

const ID = '4f9c2a1e-7b3d-4c8e-9a6f-0d1e2f3a4b5c'
const DEMO_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
const committed = readFileSync(join(import.meta.dirname, '../../wrangler.toml'), 'utf8')

// What wrangler 4 prints for `wrangler d1 create` with a TOML config (snippet after its format).
const CREATED_TOML = `
 ⛅️ wrangler 4.156.2
✅ Successfully created DB 'cxlens-directory' in region WEUR
Created your new D1 database.

To access your new D1 Database in your Worker, add the following snippet to your configuration file:
[[d1_databases]]
binding = "cxlens_directory"
database_name = "cxlens-directory"
database_id = "${ID.toUpperCase()}"
`

describe('setup:cloudflare, reading wrangler', () => {
  it("finds the new database's id in d1 create output, TOML or JSON snippet", () => {
    expect(parseCreatedDatabaseId(CREATED_TOML)).toBe(ID)
    const json = `{ "d1_databases": [ { "binding": "DB", "database_name": "x", "database_id": "${ID}" } ] }`
    expect(parseCreatedDatabaseId(json)).toBe(ID)
  })

  it('finds no id in a failure or a malformed one', () => {
    expect(parseCreatedDatabaseId('✘ [ERROR] A database with that name already exists')).toBeNull()
    expect(parseCreatedDatabaseId('database_id = "4f9c2a1e-7b3d-4c8e-9a6f-0d1e2f3a4b5"')).toBeNull()
    expect(
      parseCreatedDatabaseId('database_id = "4f9c2a1e-7b3d-4c8e-9a6f-0d1e2f3a4b5c-"'),
    ).toBeNull()
  })

  it('finds an existing database by name in d1 list --json', () => {
    const list = JSON.stringify([
      { uuid: DEMO_ID, name: 'cxlens-demo-directory', version: 'production' },
      { uuid: ID, name: 'cxlens-directory', version: 'production' },
    ])
    expect(databaseIdFromList(list, 'cxlens-directory')).toBe(ID)
    expect(databaseIdFromList(list, 'cxlens')).toBeNull()
    expect(databaseIdFromList('not json', 'cxlens-directory')).toBeNull()
    expect(databaseIdFromList('{"uuid":"x"}', 'cxlens-directory')).toBeNull()
  })

  it('reads the secrets already set, so a re-run never replaces the secret key', () => {
    const listed = JSON.stringify([{ name: 'CXLENS_SECRET_KEY', type: 'secret_text' }])
    expect([...secretNames(listed)]).toEqual(['CXLENS_SECRET_KEY'])
    expect(secretNames('✘ [ERROR] This Worker does not exist on your account.').size).toBe(0)
  })
})

describe('setup:cloudflare, rewriting wrangler.toml', () => {
  it('commits the placeholder id, which setup replaces', () => {
    expect(directoryDatabase(committed)).toEqual({
      name: 'cxlens-directory',
      id: PLACEHOLDER_DATABASE_ID,
    })
    expect(directoryDatabase(committed, 'demo').name).toBe('cxlens-demo-directory')
  })

  it("writes the id in its environment's binding only, the rest of the file unchanged", () => {
    const production = withDatabaseId(committed, { databaseName: 'cxlens-directory' }, ID)
    expect(directoryDatabase(production).id).toBe(ID)
    expect(directoryDatabase(production, 'demo').id).toBe(PLACEHOLDER_DATABASE_ID)
    const changed = production.split('\n').filter((line, i) => line !== committed.split('\n')[i])
    expect(changed).toEqual([`database_id = "${ID}"`])

    const both = withDatabaseId(
      production,
      { env: 'demo', databaseName: 'cxlens-demo-directory' },
      DEMO_ID,
    )
    expect(directoryDatabase(both).id).toBe(ID)
    expect(directoryDatabase(both, 'demo').id).toBe(DEMO_ID)
  })

  it('adds the id line to a binding that has none', () => {
    const toml = '[[d1_databases]]\nbinding = "DIRECTORY"\ndatabase_name = "d"\n\n[vars]\nA = "1"\n'
    const written = withDatabaseId(toml, { databaseName: 'd' }, ID)
    expect(directoryDatabase(written)).toEqual({ name: 'd', id: ID })
    expect(written).toContain('[vars]\nA = "1"')
  })

  it('refuses an unknown database or a malformed id', () => {
    expect(() => withDatabaseId(committed, { databaseName: 'other' }, ID)).toThrow(/no D1/)
    expect(() => withDatabaseId(committed, { databaseName: 'cxlens-directory' }, 'abc')).toThrow()
  })

  it('generates a fresh 256-bit admin token and AES key each run', () => {
    const a = generateSecrets()
    const b = generateSecrets()
    expect(a.CXLENS_ADMIN_TOKEN).toMatch(/^[0-9a-f]{64}$/)
    expect(Buffer.from(a.CXLENS_SECRET_KEY, 'base64')).toHaveLength(32)
    expect(a.CXLENS_ADMIN_TOKEN).not.toBe(b.CXLENS_ADMIN_TOKEN)
    expect(a.CXLENS_SECRET_KEY).not.toBe(b.CXLENS_SECRET_KEY)
  })
})
