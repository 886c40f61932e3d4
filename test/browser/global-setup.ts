import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bundleSidebar, embedModule, writeSidebarAssets } from '../../apps/zendesk-sidebar/build.ts'

/**
 * Builds the sidebar as shipped (assets/ and the worker's embed) before any browser test, so the
 * tests drive the code of this checkout, not a stale bundle.
 */
export default async function setup(): Promise<void> {
  const bundle = await bundleSidebar()
  await writeSidebarAssets(bundle)
  await writeFile(join(process.cwd(), 'apps/zendesk-sidebar/dist-embed.ts'), embedModule(bundle))
}
