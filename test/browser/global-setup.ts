import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { bundleSidebar, embedModule, writeSidebarAssets } from '../../apps/zendesk-sidebar/build.ts'
import { startE2eStack, type E2eStack } from './e2e-stack.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eStack
  }
}

/**
 * Builds the sidebar as shipped (assets/ and the worker's embed), so the tests drive this checkout's
 * code, then starts the end-to-end stack (Zendesk sandbox, worker under wrangler, one synced tenant).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundle = await bundleSidebar()
  await writeSidebarAssets(bundle)
  await writeFile(join(process.cwd(), 'apps/zendesk-sidebar/dist-embed.ts'), embedModule(bundle))
  const { stack, stop } = await startE2eStack()
  project.provide('e2e', stack)
  return stop
}
