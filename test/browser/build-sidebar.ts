import { writeSidebarEmbed } from '../../apps/demo/build-embed.ts'
import { bundleSidebar, writeSidebarAssets } from '../../apps/zendesk-sidebar/build.ts'

/**
 * Builds the sidebar as shipped (assets/ and the demo's embed), so what runs next drives this
 * checkout's code. Import the preview routes only after it: they read the embed when loaded.
 */
export async function buildSidebar(): Promise<void> {
  const bundle = await bundleSidebar()
  await writeSidebarAssets(bundle)
  await writeSidebarEmbed(bundle)
}
