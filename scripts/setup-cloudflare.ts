// `npm run setup:cloudflare [-- --env demo]`: one-time setup of a Cloudflare account for cxlens.
// Creates the directory's D1 database (or finds it when it exists), writes its id in wrangler.toml,
// applies the D1 migrations remotely, and puts the worker's two secrets, generated here, unless
// they are already set: a new CXLENS_SECRET_KEY would make every stored credential unreadable.
// Needs `npx wrangler login` (or CLOUDFLARE_API_TOKEN) first. Deploy after with `npm run deploy` (`npm run deploy:demo` for --env demo).
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  databaseIdFromList,
  directoryDatabase,
  generateSecrets,
  parseCreatedDatabaseId,
  secretNames,
  withDatabaseId,
} from './cloudflare-config.ts'

const CONFIG = 'wrangler.toml'

function wrangler(args: string[], input?: string): { ok: boolean; output: string } {
  const run = spawnSync('npx', ['wrangler', ...args], {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  return { ok: run.status === 0, output: `${run.stdout}\n${run.stderr}` }
}

function step(text: string): void {
  console.log(`▸ ${text}`)
}

function main(): void {
  const { values } = parseArgs({ options: { env: { type: 'string' } } })
  const env = values.env || undefined
  const envArgs = env ? ['--env', env] : ['--env', '']
  const { name } = directoryDatabase(readFileSync(CONFIG, 'utf8'), env)

  const created = wrangler(['d1', 'create', name])
  let id = created.ok ? parseCreatedDatabaseId(created.output) : null
  if (!id) {
    if (!/already exists/i.test(created.output)) {
      throw new Error(`wrangler d1 create ${name} failed:\n${created.output}`)
    }
    const listed = wrangler(['d1', 'list', '--json'])
    id = listed.ok ? databaseIdFromList(listed.output, name) : null
    if (!id) throw new Error(`D1 database ${name} exists but wrangler d1 list does not show its id`)
    step(`D1 database ${name} already exists: ${id}`)
  } else {
    step(`Created D1 database ${name}: ${id}`)
  }
  writeFileSync(
    CONFIG,
    withDatabaseId(readFileSync(CONFIG, 'utf8'), { env, databaseName: name }, id),
  )
  step(`Wrote its id in ${CONFIG}`)

  const migrated = wrangler(['d1', 'migrations', 'apply', name, '--remote', ...envArgs])
  if (!migrated.ok) throw new Error(`D1 migrations failed:\n${migrated.output}`)
  step('Applied the D1 migrations')

  const listed = wrangler(['secret', 'list', '--format', 'json', ...envArgs])
  const existing = listed.ok ? secretNames(listed.output) : new Set<string>()
  for (const [secret, value] of Object.entries(generateSecrets())) {
    if (existing.has(secret)) {
      step(`${secret} is already set: kept`)
      continue
    }
    const put = wrangler(['secret', 'put', secret, ...envArgs], value)
    if (!put.ok) throw new Error(`wrangler secret put ${secret} failed:\n${put.output}`)
    step(`Put ${secret}`)
    // Shown once: the admin API's bearer. The secret key is never printed.
    if (secret === 'CXLENS_ADMIN_TOKEN') console.log(`  Your admin token (keep it): ${value}`)
  }
  step(`Done. Commit ${CONFIG}, then: npm run deploy${env ? `:${env}` : ''}`)
}

try {
  main()
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
