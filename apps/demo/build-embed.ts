/**
 * Writes apps/zendesk-sidebar/dist-embed.ts (git-ignored): the sidebar bundle and the stand-in ZAF
 * client as strings, for the demo's /preview. `npm start` and the tests' setup run it, so the page
 * always serves this checkout's sidebar; the production worker never imports it.
 *   node apps/demo/build-embed.ts
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleSidebar, embedModule, type SidebarBundle } from '../zendesk-sidebar/build.ts'

export const EMBED_PATH = fileURLToPath(
  new URL('../zendesk-sidebar/dist-embed.ts', import.meta.url),
)

export async function writeSidebarEmbed(bundle?: SidebarBundle): Promise<void> {
  await writeFile(EMBED_PATH, embedModule(bundle ?? (await bundleSidebar())))
}

/** Vitest global setup: the demo's tests import the embed. */
export const setup = () => writeSidebarEmbed()

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeSidebarEmbed()
