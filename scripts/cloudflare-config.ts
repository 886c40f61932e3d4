// The pure part of `npm run setup:cloudflare`: reading wrangler's output and rewriting wrangler.toml.
// Kept apart from the commands so it is tested without a Cloudflare account.
import { randomBytes } from 'node:crypto'

/** What wrangler.toml commits until setup runs: wrangler dev accepts it, a real deploy does not. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-0000-0000-000000000000'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The new database's id in `wrangler d1 create` output: wrangler prints a config snippet, TOML
 * (`database_id = "…"`) or JSON (`"database_id": "…"`) after the config file's format.
 */
export function parseCreatedDatabaseId(output: string): string | null {
  const match = /"?database_id"?\s*[=:]\s*"([0-9a-f-]{36})"/i.exec(output)
  return match && UUID.test(match[1]!) ? match[1]!.toLowerCase() : null
}

/** The id of `name` in `wrangler d1 list --json` output (an array of `{ uuid, name, … }`). */
export function databaseIdFromList(json: string, name: string): string | null {
  let list: unknown
  try {
    list = JSON.parse(json)
  } catch {
    return null
  }
  if (!Array.isArray(list)) return null
  const found = list.find(
    (db): db is { uuid: string } =>
      typeof db === 'object' && db !== null && db.name === name && typeof db.uuid === 'string',
  )
  return found && UUID.test(found.uuid) ? found.uuid.toLowerCase() : null
}

/** Secret names in `wrangler secret list --format json` output; an unreadable answer is none. */
export function secretNames(json: string): Set<string> {
  try {
    const list: unknown = JSON.parse(json)
    if (!Array.isArray(list)) return new Set()
    return new Set(
      list.flatMap((s: unknown) =>
        typeof s === 'object' && s !== null && typeof (s as { name?: unknown }).name === 'string'
          ? [(s as { name: string }).name]
          : [],
      ),
    )
  } catch {
    return new Set()
  }
}

/** The DIRECTORY binding's database of `env` (top level when undefined). */
export function directoryDatabase(toml: string, env?: string): { name: string; id: string | null } {
  const block = d1Blocks(toml, env).find((b) => valueOf(b.lines, 'binding') === 'DIRECTORY')
  const name = block && valueOf(block.lines, 'database_name')
  if (!block || !name) {
    throw new Error(`wrangler.toml has no DIRECTORY D1 binding${env ? ` in env.${env}` : ''}`)
  }
  return { name, id: valueOf(block.lines, 'database_id') }
}

/**
 * wrangler.toml with `database_id` of the D1 binding named `databaseName` in `env` set to `id`;
 * everything else, comments included, as it was.
 */
export function withDatabaseId(
  toml: string,
  target: { env?: string; databaseName: string },
  id: string,
): string {
  if (!UUID.test(id)) throw new Error(`not a D1 database id: ${id}`)
  const lines = toml.split('\n')
  const block = d1Blocks(toml, target.env).find(
    (b) => valueOf(b.lines, 'database_name') === target.databaseName,
  )
  if (!block) throw new Error(`wrangler.toml has no D1 database ${target.databaseName}`)
  const offset = block.lines.findIndex((l) => /^\s*database_id\s*=/.test(l))
  const line = `database_id = "${id}"`
  if (offset === -1) lines.splice(block.start + 1, 0, line)
  else lines[block.start + offset] = line
  return lines.join('\n')
}

/** The two secrets the worker needs, as its README describes them. */
export function generateSecrets(): { CXLENS_ADMIN_TOKEN: string; CXLENS_SECRET_KEY: string } {
  return {
    CXLENS_ADMIN_TOKEN: randomBytes(32).toString('hex'),
    // AES-256-GCM key for secrets at rest: 32 random bytes, base64.
    CXLENS_SECRET_KEY: randomBytes(32).toString('base64'),
  }
}

interface Block {
  /** Index of the table header line. */
  start: number
  /** The header and its key lines, up to the next table header. */
  lines: string[]
}

function d1Blocks(toml: string, env?: string): Block[] {
  const header = env ? `[[env.${env}.d1_databases]]` : '[[d1_databases]]'
  const lines = toml.split('\n')
  const blocks: Block[] = []
  lines.forEach((line, i) => {
    if (line.trim() !== header) return
    let end = i + 1
    while (end < lines.length && !/^\s*\[/.test(lines[end]!)) end++
    blocks.push({ start: i, lines: lines.slice(i, end) })
  })
  return blocks
}

function valueOf(lines: string[], key: string): string | null {
  for (const line of lines) {
    const match = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`).exec(line)
    if (match) return match[1]!
  }
  return null
}
