import { z } from 'zod'
import { Instant, SourceRef } from './source-ref.ts'

/** One identity of a human in one source (a Zendesk user, a HubSpot contact, an import responder). */
export const Person = z.strictObject({
  ref: SourceRef,
  name: z.string().nullable(),
  /** Every address the source knows for this person, as the source wrote them (normalised by identity). */
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  externalId: z.string().nullable(),
  organisation: SourceRef.nullable(),
  /** `end_user` for customers; agents and admins are kept but never become customers. */
  role: z.enum(['end_user', 'agent', 'admin']),
  locale: z.string().nullable(),
  /** Explicit links to identities in other tools (e.g. a HubSpot contact id stored on a Zendesk user). */
  links: z.array(SourceRef),
  /** Set when the source merged this identity into another one: history re-points to the survivor. */
  mergedInto: SourceRef.nullable(),
  deleted: z.boolean(),
  createdAt: Instant,
  /** The source's own modification time: an older version never overwrites a newer one. */
  updatedAt: Instant,
})
export type Person = z.infer<typeof Person>
