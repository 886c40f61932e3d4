import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { moduleFiles, SHARED_MODULES } from '../scripts/shared-modules.ts'

// The card renders from copies of core modules (HubSpot uploads only `src/`). A failure here means
// core changed: run `npm run sync-presentation` in apps/hubspot-card and commit the copies.
describe('the card’s copies of core modules', () => {
  for (const { from, to } of SHARED_MODULES) {
    const name = from.split(/[\\/]/).slice(-2).join('/')

    it(`holds exactly the files of ${name}`, () => {
      expect(moduleFiles(to)).toEqual(moduleFiles(from))
      expect(moduleFiles(from).length).toBeGreaterThan(3)
    })

    it(`holds them byte for byte (${name})`, () => {
      const drifted = moduleFiles(from).filter(
        (file) => !readFileSync(join(from, file)).equals(readFileSync(join(to, file))),
      )
      expect(drifted).toEqual([])
    })
  }
})
