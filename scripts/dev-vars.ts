import { existsSync, readFileSync } from 'node:fs'

/** Reads a dotenv-style file (`KEY=value` lines, `#` comments, optional quotes) as wrangler does. */
export function loadDevVars(path: string): Record<string, string> {
  if (!existsSync(path)) return {}
  const vars: Record<string, string> = {}
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || line.trimStart().startsWith('#')) continue
    vars[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2')
  }
  return vars
}
