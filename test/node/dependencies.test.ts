import { build } from 'esbuild'
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
/** The HubSpot card is its own package with its own package.json; generated files import nothing. */
const SKIP = new Set(['node_modules', '.wrangler', '.git', 'dist', 'artifacts', 'hubspot-card'])

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return []
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** `pkg` of `pkg/sub` and `@scope/pkg` of `@scope/pkg/sub`; null for relative and built-in ones. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return null
  if (/^(node|cloudflare):/.test(specifier) || builtinModules.includes(specifier)) return null
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

/** Static imports, re-exports and `import('…')`, as TypeScript's own scanner finds them. */
const importsOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName)

describe('package.json', () => {
  it('declares every package a source or test file imports', () => {
    const declared = new Set([
      ...Object.keys(pkg.dependencies),
      ...Object.keys(pkg.devDependencies),
    ])
    const undeclared: string[] = []
    for (const file of sourceFiles(root)) {
      for (const specifier of importsOf(file)) {
        const name = packageOf(specifier)
        if (name && !declared.has(name)) undeclared.push(`${relative(root, file)}: ${specifier}`)
      }
    }
    expect(undeclared).toEqual([])
  })

  it('lists as runtime dependencies exactly the packages the production worker bundles', async () => {
    const result = await build({
      entryPoints: [join(root, 'apps/worker/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'browser'],
      external: ['cloudflare:*', 'node:*'],
      logLevel: 'silent',
    })
    // Packages our own files import; theirs come with them and are not ours to declare.
    const bundled = new Set(
      Object.entries(result.metafile.inputs)
        .filter(([input]) => !input.includes('node_modules/'))
        .flatMap(([, { imports }]) =>
          imports.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i.path)?.[1]),
        )
        .filter((name): name is string => name !== undefined),
    )
    expect([...bundled].sort()).toEqual(Object.keys(pkg.dependencies).sort())
  })
})
