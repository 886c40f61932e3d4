import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `hs project upload` sends only the project's `src/`, so the card carries copies of the core modules
 * it renders from: the presentation module (what both sidebars show) and the model its types name.
 * The copies are byte-identical; `test/shared-copy.test.ts` fails when they drift.
 */
const CARD = join(dirname(fileURLToPath(import.meta.url)), '..')
const REPO = join(CARD, '..', '..')

export const SHARED_MODULES = [
  { from: join(REPO, 'core', 'model'), to: join(CARD, 'src', 'app', 'shared', 'model') },
  {
    from: join(REPO, 'core', 'presentation'),
    to: join(CARD, 'src', 'app', 'shared', 'presentation'),
  },
] as const

/** Source files the card needs: no tests, no test fixtures. Paths relative to `dir`, sorted. */
export function moduleFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .filter((e) => !e.name.endsWith('.test.ts') && e.name !== 'fixtures.ts')
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

export function syncSharedModules(): string[] {
  const copied: string[] = []
  for (const { from, to } of SHARED_MODULES) {
    rmSync(to, { recursive: true, force: true })
    for (const file of moduleFiles(from)) {
      mkdirSync(dirname(join(to, file)), { recursive: true })
      copyFileSync(join(from, file), join(to, file))
      copied.push(relative(CARD, join(to, file)))
    }
  }
  return copied
}
