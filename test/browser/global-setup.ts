import type { TestProject } from 'vitest/node'
import { buildSidebar } from './build-sidebar.ts'
import type { E2eStack } from './e2e-stack.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eStack
  }
}

/**
 * Builds the sidebar as shipped, then starts the end-to-end stack (Zendesk and HubSpot sandboxes,
 * worker under wrangler, one synced tenant). The stack is imported after the build: its frame
 * server serves the embed module as it was when loaded, and a static import would load it stale.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildSidebar()
  const { startE2eStack } = await import('./e2e-stack.ts')
  const { stack, stop } = await startE2eStack()
  project.provide('e2e', stack)
  return stop
}
