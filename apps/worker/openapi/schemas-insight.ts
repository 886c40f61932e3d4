import { z } from 'zod'
import { HISTORY_KINDS } from '../../../core/store/index.ts'
import { FeedConfig } from '../imports/mapping.ts'

/** Response bodies of routes/dashboards.ts, routes/feeds.ts and the customer history. */

export const Dashboard = z
  .record(z.string(), z.unknown())
  .describe(
    'One board (nps, csat, ces, friction, worklist) over the filter; the worklist is a page of ' +
      'customers, each with `view`, the path of their customer view',
  )

export const FeedSaved = z.strictObject({
  feed: z.string(),
  /** The saved format; null: none saved (cxlens's own JSON shape is read). */
  config: FeedConfig.nullable(),
})

export const FeedSecret = z.looseObject({
  feed: z.string(),
  /** Shown once; only the sealed copy is kept. */
  secret: z.string(),
  /** How to sign a delivery with it. */
  signing: z.string(),
})

export const FeedDelivered = z.looseObject({
  feed: z.string(),
  accepted: z.number().int(),
  rejected: z.array(z.unknown()),
})

export const CustomerHistory = z.strictObject({
  kind: z.enum(HISTORY_KINDS),
  /** Newest first. */
  items: z.array(z.unknown()),
  /** Pass as `cursor` for the next page; null: no more. */
  nextCursor: z.string().nullable(),
})
