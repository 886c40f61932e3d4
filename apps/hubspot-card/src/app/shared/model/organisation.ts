import { z } from 'zod'
import { Instant, SourceRef } from './source-ref.ts'

export const Organisation = z.strictObject({
  ref: SourceRef,
  name: z.string(),
  domains: z.array(z.string()),
  deleted: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
})
export type Organisation = z.infer<typeof Organisation>
