import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  bundleProblems,
  FREE_PLAN_LIMIT_BYTES,
  measureBundle,
  PREVIEW_MARKER,
} from '../../scripts/deploy-check.ts'

const dirs: string[] = []
function outdir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-check-test-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('deploy:check', () => {
  it('measures the uploaded modules, not the source map', () => {
    const report = measureBundle(
      outdir({ 'index.js': 'x'.repeat(10_000), 'index.js.map': randomBytes(50_000) }),
    )
    expect(report.rawBytes).toBe(10_000)
    expect(report.gzipBytes).toBeLessThan(200)
    expect(report.hasPreview).toBe(false)
  })

  it('fails past the Workers Free limit of 3 MiB gzipped', () => {
    // Random bytes do not compress: gzipped they stay just over the limit.
    const big = measureBundle(outdir({ 'index.js': randomBytes(FREE_PLAN_LIMIT_BYTES + 1024) }))
    expect(bundleProblems(big, '')).toEqual([expect.stringMatching(/over the 3072.0 KiB/)])
    expect(bundleProblems({ ...big, gzipBytes: FREE_PLAN_LIMIT_BYTES }, '')).toEqual([])
  })

  it('fails when the production bundle carries the preview, not the demo', () => {
    const report = measureBundle(
      outdir({ 'index.js': `const a = 1;globalThis.${PREVIEW_MARKER}={}` }),
    )
    expect(bundleProblems(report, '')).toEqual(['the production bundle contains /preview code'])
    expect(bundleProblems(report, 'demo')).toEqual([])
  })

  it('fails when wrangler wrote nothing', () => {
    expect(bundleProblems(measureBundle(outdir({ 'README.md': 'x' })), '')).toEqual([
      'wrangler wrote no module',
    ])
  })
})
