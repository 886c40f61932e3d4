/**
 * Stages what the card takes from the rest of the repo into git-ignored files under `src/`, the only
 * folder `hs project upload` sends (HubSpot builds the card from it, so the card cannot import
 * `../../core`). The upload skips node_modules, dot-files and `.hsignore` entries, not .gitignore's.
 * - `src/app/staged/model`, `src/app/staged/presentation`: core's modules (no tests, no fixtures);
 * - `src/app/staged/deployment.ts`: the public origin the card calls;
 * - `src/app/app-hsmeta.json`: `app-hsmeta.template.json` with that origin filled in;
 * - `src/app/webhooks/cxlens-hsmeta.json`: `webhooks-hsmeta.template.json` likewise.
 * package.json runs it before test, typecheck, build, validate and upload.
 *   node scripts/stage.ts            for CXLENS_PUBLIC_ORIGIN, or the example origin when unset
 *   node scripts/stage.ts --deploy   refuse the example origin (validate, upload)
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  deployablePublicOrigin,
  publicOrigin,
  PUBLIC_ORIGIN_VARIABLE,
  type PublicOrigin,
} from '../../../scripts/public-origin.ts'

const CARD = join(dirname(fileURLToPath(import.meta.url)), '..')
const REPO = join(CARD, '..', '..')
/** The core modules the card renders from: presentation, and the model its types name. */
export const STAGED_MODULES = ['model', 'presentation'] as const
export const TEMPLATE_PLACEHOLDER = `{{${PUBLIC_ORIGIN_VARIABLE}}}`

/** Source files the card needs from a core module: no tests, no fixtures. Relative, sorted. */
export function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .filter((e) => !e.name.endsWith('.test.ts') && e.name !== 'fixtures.ts')
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

/** Packages a staged module may import: HubSpot's build installs src/app/cards/package.json only. */
const STAGED_PACKAGES = new Set(['zod'])

/**
 * What in a core file the card could not build: an import of another core folder (not staged) or
 * of a package other than zod (types only in the card; Node and worker APIs do not exist there).
 */
export function unstageableImports(file: string, source: string): string[] {
  const core = join(REPO, 'core')
  const staged = STAGED_MODULES.map((name) => join(core, name))
  const specifiers = [...source.matchAll(/(?:from|import)\s+'([^']+)'/g)].map((m) => m[1]!)
  return specifiers.filter((spec) =>
    spec.startsWith('.')
      ? !staged.some((dir) => !relative(dir, resolve(dirname(file), spec)).startsWith('..'))
      : !STAGED_PACKAGES.has(spec),
  )
}

/** The app's config: the template with every placeholder replaced by the origin. */
export function appConfig(template: string, origin: PublicOrigin): string {
  const filled = template.replaceAll(TEMPLATE_PLACEHOLDER, origin.origin)
  if (filled.includes('{{')) throw new Error('app-hsmeta.template.json has an unknown placeholder')
  return `${JSON.stringify(JSON.parse(filled), null, 2)}\n`
}

export function deploymentModule(origin: PublicOrigin): string {
  return `// Written by scripts/stage.ts from ${PUBLIC_ORIGIN_VARIABLE}: do not edit.
/** The cxlens API the card calls; app-hsmeta.json lists the same origin in permittedUrls.fetch. */
export const PUBLIC_ORIGIN = ${JSON.stringify(origin.origin)}
`
}

/** Writes the staged files into `srcDir` (the card's `src/` by default); returns their paths. */
export function stageCard(origin: PublicOrigin, srcDir = join(CARD, 'src')): string[] {
  const staged = join(srcDir, 'app', 'staged')
  rmSync(staged, { recursive: true, force: true })
  const written: string[] = []
  for (const name of STAGED_MODULES) {
    const from = join(REPO, 'core', name)
    for (const file of moduleFiles(from)) {
      const source = join(from, file)
      const outside = unstageableImports(source, readFileSync(source, 'utf8'))
      if (outside.length > 0) {
        throw new Error(
          `core/${name}/${file} imports ${outside.join(', ')}: the card cannot build it`,
        )
      }
      const to = join(staged, name, file)
      mkdirSync(dirname(to), { recursive: true })
      copyFileSync(source, to)
      written.push(to)
    }
  }
  const deployment = join(staged, 'deployment.ts')
  writeFileSync(deployment, deploymentModule(origin))
  const app = join(srcDir, 'app', 'app-hsmeta.json')
  writeFileSync(
    app,
    appConfig(readFileSync(join(CARD, 'app-hsmeta.template.json'), 'utf8'), origin),
  )
  // The webhooks component (VENDOR-FACTS: src/app/webhooks/<name>-hsmeta.json): same origin.
  const webhooks = join(srcDir, 'app', 'webhooks', 'cxlens-hsmeta.json')
  mkdirSync(dirname(webhooks), { recursive: true })
  writeFileSync(
    webhooks,
    appConfig(readFileSync(join(CARD, 'webhooks-hsmeta.template.json'), 'utf8'), origin),
  )
  return [...written, deployment, app, webhooks]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const origin = process.argv.includes('--deploy') ? deployablePublicOrigin() : publicOrigin()
    const written = stageCard(origin)
    const example = origin.example ? ` (example: set ${PUBLIC_ORIGIN_VARIABLE} to deploy)` : ''
    console.log(`staged ${written.length} files into src/ for ${origin.origin}${example}`)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
