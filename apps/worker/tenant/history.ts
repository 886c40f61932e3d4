import type { ViewResponse, ViewTicket } from '../../../core/model/index.ts'
import {
  decodeHistoryCursor,
  type HistoryKind,
  type TenantStore,
} from '../../../core/store/index.ts'
import { toViewResponse, toViewTicket } from '../../../core/view/index.ts'

export interface HistoryRequest {
  customerId: string
  kind: HistoryKind
  limit: number
  /** A `nextCursor` of an earlier page; the route checked it decodes. */
  cursor?: string
}

export type HistoryResult =
  | {
      status: 'found'
      kind: HistoryKind
      items: (ViewTicket | ViewResponse)[]
      nextCursor: string | null
    }
  | { status: 'not_found' }
  | { status: 'bad_cursor' }

/** One page of what a capped view leaves out, shaped like the view's own lists. */
export function customerHistory(store: TenantStore, request: HistoryRequest): HistoryResult {
  const after = request.cursor === undefined ? null : decodeHistoryCursor(request.cursor)
  if (request.cursor !== undefined && !after) return { status: 'bad_cursor' }
  const page = store.customerHistory({ ...request, after })
  if (!page) return { status: 'not_found' }
  const items =
    page.kind === 'ticket' ? page.items.map(toViewTicket) : page.items.map(toViewResponse)
  return { status: 'found', kind: page.kind, items, nextCursor: page.nextCursor }
}
