import { z } from 'zod'
import { HISTORY_KINDS } from '../../../core/store/index.ts'
import { FeedConfig } from '../imports/mapping.ts'
import { BOARDS, type Delivery } from '../tenant/insight.ts'
import { agree } from './agree.ts'

/** Response bodies of routes/dashboards.ts, routes/feeds.ts and the customer history. */

export const Dashboard = z
  .looseObject({ board: z.enum(BOARDS) })
  .describe(
    'One board over the filter (its other members are the board\u2019s own figures); the worklist ' +
      'is a page of customers, each with `view`, the path of their customer view',
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

export const FeedDelivered = z.strictObject({
  feed: z.string(),
  accepted: z.number().int(),
  written: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(
    z.strictObject({ row: z.number().int(), field: z.string(), reason: z.string() }),
  ),
})

export const CustomerHistory = z.strictObject({
  kind: z.enum(HISTORY_KINDS),
  /** Newest first. */
  items: z.array(z.unknown()),
  /** Pass as `cursor` for the next page; null: no more. */
  nextCursor: z.string().nullable(),
})

agree<
  z.output<typeof FeedDelivered>,
  Omit<Extract<Delivery, { status: 'imported' }>, 'status'> & { feed: string }
>(true)
