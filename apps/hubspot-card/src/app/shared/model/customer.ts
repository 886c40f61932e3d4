import { z } from 'zod'
import { SourceRef } from './source-ref.ts'

/** A human as cxlens knows them: one or more source identities resolved together. */
export const Customer = z.strictObject({
  /** Stable across re-syncs and arrival order: derived from the cluster's smallest identity key. */
  id: z.string().regex(/^cus_[0-9a-z]+$/),
  displayName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  organisation: z.strictObject({ name: z.string(), ref: SourceRef }).nullable(),
  identities: z.array(SourceRef),
})
export type Customer = z.infer<typeof Customer>
