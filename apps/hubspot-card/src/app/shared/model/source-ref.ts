import { z } from 'zod'

/** Where a record comes from. `(source, account, object, id)` is the idempotency key of every record. */
export const Source = z.enum(['zendesk', 'hubspot', 'import'])
export type Source = z.infer<typeof Source>

/** An instant as ISO 8601 in UTC, e.g. `2026-11-25T12:00:00.000Z`. */
export const Instant = z.iso.datetime({ offset: true })
export type Instant = z.infer<typeof Instant>

export const SourceRef = z.strictObject({
  source: Source,
  /** The vendor account: a Zendesk subdomain, a HubSpot portal id, an import feed name. */
  account: z.string().min(1),
  /** The vendor's object type as the vendor names it (`ticket`, `user`, `contact`, `satisfaction_rating`…). */
  object: z.string().min(1),
  id: z.string().min(1),
  /** Deep link for an agent (agent UI, not API). */
  url: z.url().optional(),
})
export type SourceRef = z.infer<typeof SourceRef>

/** The stable text key of a reference: `zendesk:acme:ticket:42`. */
export function refKey(ref: Pick<SourceRef, 'source' | 'account' | 'object' | 'id'>): string {
  return `${ref.source}:${ref.account}:${ref.object}:${ref.id}`
}
