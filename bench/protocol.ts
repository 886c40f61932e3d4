import type { MutateOptions } from '../connectors/zendesk/sandbox/mutate.ts'
import type { RateLimitOptions } from '../connectors/zendesk/sandbox/rate-limit.ts'

/** What the bench asks the sandbox process (see sandbox-child.ts). */
export type ChildRequest =
  | { type: 'mutate'; args: MutateOptions }
  | { type: 'advance'; args: { ms: number } }
  | { type: 'counters'; args?: undefined }
  | { type: 'reset'; args?: undefined }
  | { type: 'rate-limits'; args: RateLimitOptions }
  | { type: 'truth'; args?: undefined }
  | { type: 'stream-truth'; args: { sinceMs: number | null } }
  | { type: 'memory'; args?: undefined }
  | { type: 'bodies'; args: { account: string } }
  | { type: 'views'; args?: undefined }

export interface SandboxInfo {
  url: string
  email: string
  apiToken: string
  generationMs: number
  rssBytes: number
}

/** Ground truth small enough for IPC: `[id, updated_at, deleted, archived]` per ticket, counts. */
export interface CompactTruth {
  asOf: number
  tickets: [number, string, 0 | 1, 0 | 1][]
  users: number
  organizations: number
  satisfactionRatings: number
  receivedRatings: number
  surveyResponses: number
}

export interface Counters {
  total: number
  byEndpoint: Record<string, number>
  byStatus: Record<string, number>
}

/** Per stream, the records the ground truth says a sync must read (the lower bounds' input). */
export type StreamTruth = Record<
  'organizations' | 'users' | 'tickets' | 'satisfaction_ratings' | 'survey_responses',
  number
>
