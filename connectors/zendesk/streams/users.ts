import type { StreamDefinition } from '../../../core/sync/types.ts'
import { toPerson } from '../mappers/to-person.ts'
import { UserExportEnvelope } from '../types.ts'
import { fetchExportPage } from './cursor-export.ts'
import { idField, type StreamOptions } from './shared.ts'

const PATH = '/api/v2/incremental/users/cursor.json'

/** Users through the cursor-based incremental export (deleted users come back inactive). */
export function usersStream(options: StreamOptions): StreamDefinition {
  return {
    name: 'users',
    async fetchPage(cursor, ctx) {
      // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-user-export-cursor-based
      const page = await fetchExportPage(
        'users',
        PATH,
        UserExportEnvelope,
        {},
        cursor,
        ctx,
        options,
      )
      return {
        items: page.body.users,
        cursor: page.cursor,
        done: page.done,
        ...(page.completeUpTo !== undefined ? { completeUpTo: page.completeUpTo } : {}),
      }
    },
    map: (raw) => toPerson(raw, options),
    idOf: (raw) => idField(raw),
  }
}
