import { z } from 'zod'
import { ConnectionSummary } from '../tenant/connection-input.ts'
import type { OpsResults } from '../tenant/connection-ops.ts'
import type { TenantEntry as TenantEntryType } from '../directory/directory.ts'
import type { RunRecord as RunRecordType } from '../tenant/runs.ts'
import { agree } from './agree.ts'
import { Lifecycle } from './schemas-admin.ts'

/**
 * Response bodies of the operations routes (routes/admin-ops.ts), pinned by `agree` to the
 * `OpsResults` the tenant object returns.
 */

export const TenantEntry = z.strictObject({
  tenantId: z.string(),
  name: z.string(),
  createdAt: z.string(),
})

export const TenantList = z.strictObject({
  tenants: z.array(TenantEntry),
  /** Pass as `after` for the next page; null on the last. */
  next: z.string().nullable(),
})

export const TenantRenamed = z.strictObject({ tenantId: z.string(), name: z.string() })

export const ApiKeyRotated = z.strictObject({
  /** The new key, shown once. */
  apiKey: z.string(),
  /** Until then the former key keeps working. */
  previousKeyExpiresAt: z.string(),
})

const RunStream = z.strictObject({
  stream: z.string(),
  records: z.number().int(),
  pages: z.number().int(),
  requests: z.number().int(),
  done: z.boolean(),
  error: z.string().nullable(),
  lagSeconds: z.number().nullable(),
  progress: z.number().min(0).max(1).nullable(),
  etaSeconds: z.number().nullable(),
})

export const RunRecord = z.strictObject({
  runId: z.number().int(),
  connectionId: z.string(),
  trigger: z.enum(['schedule', 'manual', 'webhook', 'backfill']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: z.enum(['running', 'succeeded', 'partial', 'failed']),
  slices: z.number().int(),
  requests: z.number().int(),
  rateLimited: z.number().int(),
  waitedMs: z.number(),
  streams: z.array(RunStream),
  errors: z.array(z.string()),
  etaSeconds: z.number().nullable(),
})

export const ConnectionStatus = z.strictObject({
  connection: ConnectionSummary,
  schedule: z.union([
    z.strictObject({ everyMinutes: z.number().int() }),
    z.strictObject({ cron: z.string() }),
  ]),
  paused: z.boolean(),
  pausedAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  currentRun: RunRecord.nullable(),
  lastRun: RunRecord.nullable(),
  /** `uninstalled`: `purgeAfter` is when its data is deleted; `action` says what to do. */
  lifecycle: Lifecycle.extend({
    action: z.string().nullable().describe('What an admin should do; null while active'),
  }),
})

export const TenantStatus = z.strictObject({
  tenantId: z.string(),
  name: z.string(),
  connections: z.array(ConnectionStatus),
})

export const RunStarted = z.strictObject({
  run: RunRecord,
  /** A run was already going: the request joined it (same `runId`). */
  joined: z.boolean(),
})

export const BackfillStarted = RunStarted.extend({ since: z.string() })

export const RunList = z.strictObject({ runs: z.array(RunRecord) })

export const CurrentRun = z.strictObject({ run: RunRecord.nullable() })

agree<z.output<typeof TenantEntry>, TenantEntryType>(true)
agree<z.output<typeof RunRecord>, RunRecordType>(true)
agree<z.output<typeof TenantRenamed>, OpsResults['rename']>(true)
agree<z.output<typeof ApiKeyRotated>, OpsResults['rotate_api_key']>(true)
agree<z.output<typeof ConnectionStatus>, OpsResults['connection']>(true)
agree<z.output<typeof TenantStatus>, OpsResults['status']>(true)
agree<z.output<typeof RunStarted>, OpsResults['run']>(true)
agree<z.output<typeof BackfillStarted>, OpsResults['backfill']>(true)
agree<z.output<typeof RunList>, OpsResults['runs']>(true)
agree<z.output<typeof CurrentRun>, OpsResults['current_run']>(true)
