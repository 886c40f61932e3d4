// `npm run deploy:check [-- --env demo]`: bundles the worker as `wrangler deploy` would (--dry-run,
// nothing uploaded) and fails when it would not deploy on the Workers Free plan: above 3 MiB
// gzipped (Paid allows 10 MiB; we hold to Free so any account can run cxlens). Production must
// also carry none of the demo's /preview. With --require-database (npm run deploy) it also fails
// while wrangler.toml holds the placeholder D1 id: run `npm run setup:cloudflare` first.
// [ref: Cloudflare "Workers limits", Worker size]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { directoryDatabase, PLACEHOLDER_DATABASE_ID } from './cloudflare-config.ts'

export const FREE_PLAN_LIMIT_BYTES = 3 * 1024 * 1024
/** A string only the demo's preview code contains: the stand-in's configuration global. */
export const PREVIEW_MARKER = 'CXLENS_STANDIN'

export interface BundleReport {
  rawBytes: number
  gzipBytes: number
  hasPreview: boolean
}

/** The modules wrangler wrote to `--outdir` (source maps and its README are not uploaded). */
export function measureBundle(dir: string): BundleReport {
  const report: BundleReport = { rawBytes: 0, gzipBytes: 0, hasPreview: false }
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(m?js|cjs|wasm|txt|bin)$/.test(name)) continue
    const bytes = readFileSync(join(dir, name))
    report.rawBytes += bytes.byteLength
    report.gzipBytes += gzipSync(bytes).byteLength
    if (bytes.includes(PREVIEW_MARKER)) report.hasPreview = true
  }
  return report
}

/** What is wrong with the bundle of `env` (top level = production); empty when it may deploy. */
export function bundleProblems(report: BundleReport, env: string, limit = FREE_PLAN_LIMIT_BYTES) {
  const problems: string[] = []
  if (report.rawBytes === 0) problems.push('wrangler wrote no module')
  if (report.gzipBytes > limit) {
    problems.push(`${kib(report.gzipBytes)} gzipped is over the ${kib(limit)} Workers Free limit`)
  }
  if (env === '' && report.hasPreview) problems.push('the production bundle contains /preview code')
  return problems
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

function main(): void {
  const { values } = parseArgs({
    options: { env: { type: 'string', default: '' }, 'require-database': { type: 'boolean' } },
  })
  const env = values.env!
  if (values['require-database']) {
    const { name, id } = directoryDatabase(readFileSync('wrangler.toml', 'utf8'), env || undefined)
    if (!id || id === PLACEHOLDER_DATABASE_ID) {
      throw new Error(`wrangler.toml has no id for D1 ${name}: run npm run setup:cloudflare first`)
    }
  }
  const outdir = mkdtempSync(join(tmpdir(), 'cxlens-deploy-check-'))
  try {
    const run = spawnSync(
      'npx',
      ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, '--env', env],
      { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    )
    if (run.status !== 0) {
      console.error(`${run.stdout}\n${run.stderr}`)
      throw new Error('wrangler deploy --dry-run failed')
    }
    const report = measureBundle(outdir)
    const problems = bundleProblems(report, env)
    const label = env === '' ? 'production' : env
    console.log(
      `deploy:check ${label}: ${kib(report.rawBytes)}, ${kib(report.gzipBytes)} gzipped ` +
        `(limit ${kib(FREE_PLAN_LIMIT_BYTES)} gzipped, Workers Free)`,
    )
    if (problems.length) throw new Error(problems.join('; '))
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main()
  } catch (error) {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
