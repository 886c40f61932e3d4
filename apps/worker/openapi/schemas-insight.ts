import { z } from 'zod'
import { Instant, Source, SurveyKind, VerbatimTheme } from '../../../core/model/index.ts'
import { HISTORY_KINDS, type VerbatimEntry } from '../../../core/store/index.ts'
import { FeedConfig } from '../imports/mapping.ts'
import { BOARDS, type Delivery } from '../tenant/insight.ts'
import { agree } from './agree.ts'

/** Response bodies of routes/dashboards.ts, routes/feeds.ts and the customer history. */

export const DashboardVerbatim = z
  .strictObject({
    customerId: z.string(),
    customerName: z.string(),
    /** The tool the answer came from. */
    source: Source,
    at: Instant,
    kind: SurveyKind,
    score: z.number(),
    scale: z.strictObject({ min: z.number(), max: z.number() }),
    comment: z.string(),
    /** The language its words are in; null when neither English nor French clearly. */
    language: z.enum(['en', 'fr']).nullable(),
    /** Found by English and French keywords, in cxlens (no external service). */
    themes: z.array(VerbatimTheme),
    /** The path of the customer's view. */
    view: z.string(),
  })
  .describe('A detractor\u2019s or unsatisfied rater\u2019s comment with the score it came with')

export const VerbatimsBoard = z
  .strictObject({
    board: z.literal('verbatims'),
    verbatims: z.strictObject({
      /** Newest first: one page (`limit`, `offset`). */
      items: z.array(DashboardVerbatim),
      /** Comments per theme over the tool and period (`theme` does not narrow it), most first. */
      themes: z.array(z.strictObject({ theme: VerbatimTheme, count: z.number().int() })),
      /** Comments matching the whole filter, `theme` included. */
      total: z.number().int(),
    }),
  })
  .describe('Detractors\u2019 and unsatisfied raters\u2019 latest comments, themed')

export const Dashboard = z
  .union([
    VerbatimsBoard,
    z.looseObject({ board: z.enum(BOARDS.filter((b) => b !== 'verbatims')) }),
  ])
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

agree<z.output<typeof DashboardVerbatim>, VerbatimEntry & { view: string }>(true)
