import type { SourceRef } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import type { SurveyScales } from './scales.ts'

/** What every mapper needs besides the item: the portal and how to link into HubSpot's UI. */
export interface MapContext {
  account: string
  /** `https://app.hubspot.com` (EU portals: `https://app-eu1.hubspot.com`). */
  appBaseUrl: string
  scales: SurveyScales
}

/** HubSpot object type ids used in record URLs (docs: "Object type IDs"). */
const RECORD_PATH = { contact: '0-1', company: '0-2', ticket: '0-5' } as const
export type HubSpotRefObject = keyof typeof RECORD_PATH | 'feedback_submission'

export function hubspotRef(ctx: MapContext, object: HubSpotRefObject, id: string): SourceRef {
  const ref: SourceRef = { source: 'hubspot', account: ctx.account, object, id }
  if (object !== 'feedback_submission') {
    const path = RECORD_PATH[object]
    ref.url = `${ctx.appBaseUrl}/contacts/${ctx.account}/record/${path}/${encodeURIComponent(id)}`
  }
  return ref
}

export function firstRef(
  ctx: MapContext,
  object: HubSpotRefObject,
  ids: string[] | undefined,
): SourceRef | null {
  const id = ids?.[0]
  return id === undefined ? null : hubspotRef(ctx, object, id)
}

/** CRM datetimes come as ISO strings or epoch ms strings; a value that parses to nothing is an error. */
export function toInstant(value: string, field: string): string {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (Number.isNaN(ms)) throw new MapError(`${field} is not a date`)
  return new Date(ms).toISOString()
}

export function toOptionalInstant(value: string | null | undefined, field: string): string | null {
  return value == null || value.trim() === '' ? null : toInstant(value, field)
}

/** Trimmed text, or null when empty. */
export function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** `a@x.com; b@y.com` → `['a@x.com', 'b@y.com']` (multi-value properties are `;`-separated). */
export function splitMulti(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean)
}

/**
 * The version time the store compares. Archiving (and merging a contact away) leaves HubSpot's
 * modification time as it was, so an archived record would tie with its live version and be
 * skipped as stale: the archive time is the version when it is later.
 */
export function versionTime(
  object: { archived?: boolean | null; archivedAt?: string | null; updatedAt: string },
  modified: string | null | undefined,
  field: string,
): string {
  const at = toInstant(modified ?? object.updatedAt, field)
  if (object.archived !== true || !object.archivedAt) return at
  const archivedAt = toInstant(object.archivedAt, 'archivedAt')
  return archivedAt > at ? archivedAt : at
}
