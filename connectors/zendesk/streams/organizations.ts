import { z } from 'zod'
import type { StreamDefinition } from '../../../core/sync/types.ts'
import { toOrganisation } from '../mappers/to-organisation.ts'
import { OrganizationExportEnvelope } from '../types.ts'
import {
  EXPORT_BUCKET,
  clampStartTime,
  getPage,
  idField,
  readCursor,
  type StreamOptions,
} from './shared.ts'

const PATH = '/api/v2/incremental/organizations.json'

/**
 * Cursor: `{"start_time": <unix s>}`, the next `start_time` to ask for. Organizations only have
 * the time-based export: each page's `end_time` is the next page's `start_time` (the `next_page`
 * URL says the same; reading `end_time` keeps calls on `baseUrl`). Items at the boundary repeat.
 */
const OrganizationsCursor = z.strictObject({ start_time: z.number().int().nonnegative() })

export function organizationsStream(options: StreamOptions): StreamDefinition {
  return {
    name: 'organizations',
    async fetchPage(cursor, ctx) {
      const state =
        cursor === null
          ? { start_time: options.startTime }
          : readCursor('organizations', cursor, OrganizationsCursor)
      const startTime = clampStartTime(state.start_time, ctx.now())
      // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-organization-export
      const body = await getPage(
        ctx,
        options,
        PATH,
        { start_time: String(startTime) },
        OrganizationExportEnvelope,
        [EXPORT_BUCKET],
      )
      const endTime = body.end_time ?? startTime
      if (!body.end_of_stream && endTime <= startTime) {
        // More than a page of changes in one second: the time-based export cannot move past it.
        throw new Error(`GET ${PATH}: end_time did not advance past start_time=${startTime}`)
      }
      return {
        items: body.organizations,
        cursor: JSON.stringify({ start_time: endTime }),
        done: body.end_of_stream,
        // At the end of the stream every change up to the excluded last minute has been seen, however
        // long ago the last organisation changed.
        completeUpTo: body.end_of_stream ? ctx.now() - 60_000 : endTime * 1000,
      }
    },
    map: (raw) => toOrganisation(raw, options.account),
    idOf: (raw) => idField(raw),
  }
}
