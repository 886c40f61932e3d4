import { z } from 'zod'
import { PRESET_NAMES } from '../imports/presets/index.ts'
import type { RejectedRow } from '../imports/response-input.ts'
import type { WebhookReceipt as WebhookReceiptType } from '../webhooks/events.ts'
import { agree } from './agree.ts'
import { ProblemSchema } from './problem-schema.ts'

/** Response bodies of the vendor-facing and public routes (webhooks, /v1/responses, health). */

export const Health = z.strictObject({ ok: z.literal(true) })

export const WebhookReceipt = z.strictObject({
  received: z.number().int(),
  /** Events already applied under the same key (a vendor retry, a replay). */
  duplicates: z.number().int(),
  /** Merge and erase records written. */
  written: z.number().int(),
  refresh: z.enum(['armed', 'coalesced', 'none', 'no_connection']),
})

export const HubSpotWebhookReceipt = z.strictObject({
  portals: z.array(WebhookReceipt.extend({ portalId: z.string() })),
  /** Events of portals this delivery's signature does not vouch for, and malformed events. */
  ignored: z.number().int(),
})

const RejectedRowSchema = z.strictObject({
  /** 1-based row of the JSON array or the CSV after its header. */
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
})

const importMembers = {
  feed: z.string(),
  /** The survey tool\u2019s export the body was read as (`?preset=`). */
  preset: z.enum(PRESET_NAMES).optional(),
  accepted: z.number().int(),
  written: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(RejectedRowSchema),
  /** CSV columns the import does not read. */
  ignoredColumns: z.array(z.string()).optional(),
}

export const ImportResult = z.strictObject(importMembers)

/** `422` when no row is valid: the problem carries the same members. */
export const ImportProblem = ProblemSchema.extend(importMembers)

/** The document itself, loosely: its full shape is the OpenAPI 3.1 schema. */
export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
})

agree<z.output<typeof WebhookReceipt>, WebhookReceiptType>(true)
agree<z.output<typeof RejectedRowSchema>, RejectedRow>(true)
