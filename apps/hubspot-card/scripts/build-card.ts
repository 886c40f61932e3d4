import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { remoteBuild } from '@hubspot/ui-extensions-dev-server/build'

const CARD = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface CardBundle {
  file: string
  code: string
  /** Source modules rollup put in the bundle, from the build's manifest. */
  modules: string[]
}

/**
 * Bundles the card offline with the ui-extensions dev server's own build (what `uie build` and
 * HubSpot's remote build run: vite, IIFE, minified; React stays external, HubSpot provides it).
 */
export async function buildCard(outputDir = join(CARD, 'dist')): Promise<CardBundle> {
  await remoteBuild({
    root: join(CARD, 'src', 'app', 'cards'),
    entryPoint: 'CustomerCard.tsx',
    outputDir,
    logLevel: 'warn',
  })
  const file = join(outputDir, 'CustomerCard.js')
  if (!existsSync(file)) throw new Error(`the build produced no ${file}`)
  const manifest = JSON.parse(readFileSync(join(outputDir, 'CustomerCard-manifest.json'), 'utf8'))
  const modules = (manifest.modules?.internal ?? []).map((m: { module: string }) => m.module)
  return { file, code: readFileSync(file, 'utf8'), modules }
}
