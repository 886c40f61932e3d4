import { z } from 'zod'

/**
 * Raw HubSpot shapes, permissive on purpose: only what cxlens reads is declared, everything else
 * passes through. CRM property values are strings (or null) whatever the property's type.
 */

const Id = z.union([z.string(), z.number()]).transform(String)
const PropertyValue = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)))

/** `SimplePublicObject` (docs: "CRM API | Objects"). */
/** A list item's inline associations of one type; `paging` when HubSpot cut the list short. */
export const InlineAssociations = z.looseObject({
  results: z.array(z.looseObject({ id: Id, type: z.string().optional() })),
  paging: z.looseObject({ next: z.unknown().nullish() }).nullish(),
})
export type InlineAssociations = z.infer<typeof InlineAssociations>

export const CrmObject = z.looseObject({
  id: Id,
  properties: z.record(z.string(), PropertyValue),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
  archivedAt: z.string().nullish(),
  associations: z.record(z.string(), InlineAssociations).nullish(),
})
export type CrmObject = z.infer<typeof CrmObject>

const NextPage = z.looseObject({ after: Id })

export const ListResponse = z.looseObject({
  results: z.array(CrmObject),
  paging: z.looseObject({ next: NextPage.nullish() }).nullish(),
})
export type ListResponse = z.infer<typeof ListResponse>

export const SearchResponse = z.looseObject({
  total: z.number().optional(),
  results: z.array(CrmObject),
  paging: z.looseObject({ next: NextPage.nullish() }).nullish(),
})
export type SearchResponse = z.infer<typeof SearchResponse>

/** v4 batch read; ids without associations come back in `errors` (HTTP 207), not in `results`. */
export const AssociationBatchResponse = z.looseObject({
  status: z.string().optional(),
  results: z.array(
    z.looseObject({
      from: z.looseObject({ id: Id }),
      to: z.array(
        z.looseObject({
          toObjectId: Id,
          associationTypes: z
            .array(
              z.looseObject({
                typeId: z.number(),
                category: z.string().optional(),
                label: z.string().nullish(),
              }),
            )
            .optional(),
        }),
      ),
    }),
  ),
})
export type AssociationBatchResponse = z.infer<typeof AssociationBatchResponse>

/** `GET /crm/v3/pipelines/tickets`: stage `metadata` values are strings (`"true"`, `"OPEN"`). */
export const PipelinesResponse = z.looseObject({
  results: z.array(
    z.looseObject({
      id: Id,
      label: z.string(),
      stages: z.array(
        z.looseObject({
          id: Id,
          label: z.string(),
          metadata: z.record(z.string(), PropertyValue).optional(),
        }),
      ),
    }),
  ),
})
export type PipelinesResponse = z.infer<typeof PipelinesResponse>

/** What the connector knows of a ticket's stage, resolved from the pipelines API. */
export const StageInfo = z.strictObject({
  pipeline: z.string(),
  pipelineLabel: z.string(),
  label: z.string(),
  closed: z.boolean(),
})
export type StageInfo = z.infer<typeof StageInfo>

/** The object names cxlens reads, as HubSpot spells them in URLs. */
export const HubSpotObjectType = z.enum([
  'contacts',
  'companies',
  'tickets',
  'feedback_submissions',
])
export type HubSpotObjectType = z.infer<typeof HubSpotObjectType>

/**
 * One item a stream hands to its mapper: the object plus what the stream looked up for it
 * (associated ids, the ticket's stage), so the mapper stays pure.
 */
export interface HubSpotItem {
  type: HubSpotObjectType
  object: CrmObject
  /** Associated ids by object type, in the order HubSpot returned them. */
  associations: Partial<Record<HubSpotObjectType, string[]>>
  stage?: StageInfo | null
}
