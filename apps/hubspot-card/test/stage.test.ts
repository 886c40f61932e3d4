import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { shouldIgnoreFile } from '@hubspot/local-dev-lib/ignoreRules'
import { afterAll, describe, expect, it } from 'vitest'
import { parsePublicOrigin, publicOrigin } from '../../../scripts/public-origin.ts'
import { moduleFiles, stageCard, STAGED_MODULES, unstageableImports } from '../scripts/stage.ts'

const CARD = join(import.meta.dirname, '..')
const CORE = join(CARD, '..', '..', 'core')
const acme = parsePublicOrigin('https://cxlens.acme.workers.dev/')

describe('stage: what the card takes from core and from the deployment', () => {
  const src = mkdtempSync(join(tmpdir(), 'cxlens-stage-'))
  mkdirSync(join(src, 'app'))
  afterAll(() => rmSync(src, { recursive: true, force: true }))
  const written = stageCard(acme, src).map((f) => relative(src, f))

  it('stages core’s model and presentation sources, without their tests and fixtures', () => {
    for (const name of STAGED_MODULES) {
      const files = moduleFiles(join(CORE, name))
      expect(files.length).toBeGreaterThan(3)
      expect(files.some((f) => f.endsWith('.test.ts') || f === 'fixtures.ts')).toBe(false)
      const staged = written.filter((f) => f.startsWith(join('app', 'staged', name)))
      expect(staged.map((f) => relative(join('app', 'staged', name), f)).sort()).toEqual(files)
    }
    const presentView = 'presentation/present-view.ts'
    expect(readFileSync(join(src, 'app/staged', presentView), 'utf8')).toBe(
      readFileSync(join(CORE, presentView), 'utf8'),
    )
  })

  it('refuses core code the card could not build: other core folders, Node or worker APIs', () => {
    const file = join(CORE, 'presentation', 'present-view.ts')
    const source = [
      "import type { CustomerView } from '../model/index.ts'",
      "import { z } from 'zod'",
      "import { npsOf } from '../metrics/nps.ts'",
      "import { readFile } from 'node:fs'",
      "import { DurableObject } from 'cloudflare:workers'",
      "export { labels } from './labels.ts'",
    ].join('\n')
    expect(unstageableImports(file, source)).toEqual([
      '../metrics/nps.ts',
      'node:fs',
      'cloudflare:workers',
    ])
  })

  it('points the app config and the card code at the configured origin', () => {
    const app = JSON.parse(readFileSync(join(src, 'app/app-hsmeta.json'), 'utf8'))
    expect(app.config.permittedUrls.fetch).toEqual(['https://cxlens.acme.workers.dev'])
    expect(app.config.auth.redirectUrls).toEqual([
      'https://cxlens.acme.workers.dev/oauth/hubspot/callback',
    ])
    expect(readFileSync(join(src, 'app/staged/deployment.ts'), 'utf8')).toContain(
      'export const PUBLIC_ORIGIN = "https://cxlens.acme.workers.dev"',
    )
  })

  it('declares the webhooks component against the worker at the same origin', () => {
    const hooks = JSON.parse(readFileSync(join(src, 'app/webhooks/cxlens-hsmeta.json'), 'utf8'))
    expect(hooks.type).toBe('webhooks')
    expect(hooks.config.settings.targetUrl).toBe('https://cxlens.acme.workers.dev/webhooks/hubspot')
    expect(hooks.config.subscriptions.hubEvents).toEqual([
      { subscriptionType: 'contact.privacyDeletion', active: true },
    ])
  })

  it('ships every staged file: HubSpot’s upload filter keeps them all', () => {
    // The filter `hs project upload` applies to src/ (dot-files, node_modules, .hsignore).
    const dropped = written.filter((f) => shouldIgnoreFile(join(CARD, 'src', f), true))
    expect(dropped).toEqual([])
    expect(shouldIgnoreFile(join(CARD, 'src/app/.cache/x.ts'), true)).toBe(true)
  })

  it('keeps the staged files out of git', () => {
    const ignored = [
      'src/app/staged/model/index.ts',
      'src/app/app-hsmeta.json',
      'src/app/webhooks/cxlens-hsmeta.json',
    ]
    const out = execFileSync('git', ['check-ignore', ...ignored], { cwd: CARD, encoding: 'utf8' })
    expect(out.trim().split('\n')).toEqual(ignored)
  })
})

describe('the public origin setting (CXLENS_PUBLIC_ORIGIN)', () => {
  it('falls back to the example origin, marked as such', () => {
    expect(publicOrigin({})).toMatchObject({ example: true })
    expect(publicOrigin({ CXLENS_PUBLIC_ORIGIN: 'https://cx.acme.com' })).toEqual({
      origin: 'https://cx.acme.com',
      hostname: 'cx.acme.com',
      example: false,
    })
  })

  it('refuses anything but an https origin', () => {
    for (const bad of [
      'http://cx.acme.com',
      'https://cx.acme.com/api',
      'cx.acme.com',
      'https://u:p@x.io',
    ]) {
      expect(() => parsePublicOrigin(bad), bad).toThrow(/CXLENS_PUBLIC_ORIGIN/)
    }
  })
})
