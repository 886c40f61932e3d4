/** What the bench asks the HubSpot sandbox process (see hubspot-child.ts). */
export type HubSpotChildRequest =
  | { type: 'mutate'; args: HubSpotMutation }
  | { type: 'counters'; args?: undefined }
  | { type: 'reset'; args?: undefined }
  | { type: 'truth'; args?: undefined }
  | { type: 'bodies'; args?: undefined }
  | { type: 'views'; args?: undefined }
  | { type: 'memory'; args?: undefined }

export interface HubSpotChildConfig {
  seed: number
  /** People shared by both tools in the generator's sense, and contacts only HubSpot knows. */
  people: number
  hubspotOnly: number
  companies: number
  /** The sandbox's clock runs this much faster than real time, from `clockStart` (see hubspot.ts). */
  timeScale: number
  clockStart: number
  /** How far HubSpot's clock starts behind real time (see `fastClock` in hubspot.ts). */
  clockLeadMs: number
}

export interface HubSpotMutation {
  updatedContacts: number
  updatedTickets: number
  updatedFeedback: number
  archivedTickets: number
  merges: number
  privacyDeletions: number
  bulkImport: number
}

/** Ids the mutation touched, by what happened to them. */
export interface HubSpotMutationResult {
  at: number
  contacts: {
    updated: string[]
    merged: { survivor: string; loser: string }[]
    privacyDeleted: string[]
    imported: string[]
  }
  tickets: { updated: string[]; archived: string[] }
  feedback_submissions: { updated: string[] }
}

export interface HubSpotInfo {
  url: string
  token: string
  portalId: string
  generationMs: number
}

/**
 * One record of the portal: `[id, versionMs (the later of modification and archive), archived, privacyDeleted, first associated contact,
 * first associated company (tickets) or ticket (feedback)]`, '' when none. Contacts carry their
 * primary company there.
 */
export type TruthRow = [string, number, 0 | 1, 0 | 1, string, string]

export interface HubSpotTruth {
  portalId: string
  rows: Record<'companies' | 'contacts' | 'tickets' | 'feedback_submissions', TruthRow[]>
  merges: { survivor: string; loser: string }[]
}

export interface HubSpotCounters {
  total: number
  byEndpoint: Record<string, number>
  byStatus: Record<string, number>
}

/**
 * HubSpot's fast clock: it starts `clockLeadMs` behind real time and runs `timeScale`× faster, so
 * the records it stamps stay in the past of the real clock cxlens's date bounds read (a record
 * dated more than 5 minutes ahead is refused) for `clockLeadMs / (timeScale − 1)` of real time.
 */
export const fastNow = (
  config: Pick<HubSpotChildConfig, 'clockStart' | 'clockLeadMs' | 'timeScale'>,
) => config.clockStart - config.clockLeadMs + (Date.now() - config.clockStart) * config.timeScale
