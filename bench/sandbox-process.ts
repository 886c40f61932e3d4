import type { MutationResult } from '../connectors/zendesk/sandbox/mutate.ts'
import type { ViewFigures } from './views-check.ts'
import { forkChild, type BenchChild } from './fork-child.ts'
import type { ChildRequest, CompactTruth, Counters, SandboxInfo, StreamTruth } from './protocol.ts'

interface Results {
  mutate: MutationResult
  advance: { offsetMs: number; now: number }
  counters: Counters
  reset: null
  'rate-limits': null
  truth: CompactTruth
  'stream-truth': StreamTruth
  memory: { maxRssKb: number; rss: number }
  bodies: [string, string][]
  views: ViewFigures[]
}

export type SandboxProcess = BenchChild<ChildRequest, Results, SandboxInfo>

/** Forks bench/sandbox-child.ts (the Zendesk sandbox) and waits until it listens. */
export function forkSandbox(config: {
  seed: number
  users: number
  tickets: number
  timeScale: number
}): Promise<SandboxProcess> {
  return forkChild(new URL('./sandbox-child.ts', import.meta.url), config)
}
