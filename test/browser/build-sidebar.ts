import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bundleSidebar, embedModule, writeSidebarAssets } from '../../apps/zendesk-sidebar/build.ts'

/**
 * Builds the sidebar as shipped (assets/ and the worker's embed), so what runs next drives this
 * checkout's code. Import the preview routes only after it: they read the embed when loaded.
 */
export async function buildSidebar(): Promise<void> {
  const bundle = await bundleSidebar()
  await writeSidebarAssets(bundle)
  await writeFile(join(process.cwd(), 'apps/zendesk-sidebar/dist-embed.ts'), embedModule(bundle))
}
