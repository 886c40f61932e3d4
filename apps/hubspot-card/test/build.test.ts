import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCard, type CardBundle } from '../scripts/build-card.ts'

describe('offline bundle with the ui-extensions build', () => {
  const out = mkdtempSync(join(tmpdir(), 'cxlens-card-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))
  let bundle: CardBundle

  it('compiles the card entrypoint into one script', { timeout: 60_000 }, async () => {
    bundle = await buildCard(out)
    expect(bundle.code).toContain('hubspot_contact_id')
    expect(bundle.code).toContain('hubspot_ticket_id')
  })

  it('bundles the staged presentation module, and not the zod schemas its types come from', () => {
    const staged = bundle.modules.filter((m) => m.includes('/src/app/staged/'))
    expect(staged.some((m) => m.endsWith('/staged/presentation/present-view.ts'))).toBe(true)
    expect(staged.filter((m) => m.includes('/staged/model/'))).toEqual([])
    expect(bundle.modules.filter((m) => m.includes('node_modules/zod'))).toEqual([])
  })
})
