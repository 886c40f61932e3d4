import type { Connector, RateBucket } from '../../core/sync/types.ts'
import { type HubSpotCredentials, grantedScopes } from './auth.ts'
import { DEFAULT_SCALES, type SurveyScale } from './mappers/scales.ts'
import { createObjectStream } from './streams/object-stream.ts'
import { createStageCache } from './streams/pipelines.ts'
import { STREAM_SPECS } from './streams/table.ts'
import { classifyHubSpotRateLimit } from './rate-policy.ts'

export interface HubSpotConnectorConfig {
  /** The portal (hub) id. */
  account: string
  /** `https://api.hubapi.com`, or a sandbox. */
  baseUrl: string
  auth: HubSpotCredentials
  /** How far back each incremental poll re-reads (search lags writes). Default 5 minutes. */
  lookbackMs?: number
  /** How often the archived lists are swept. Default 15 minutes. */
  archivedSweepMs?: number
  /** Agent UI for deep links. Default `https://app.hubspot.com`. */
  appBaseUrl?: string
  /** Scales of custom surveys, or corrections, by `hs_survey_id`. */
  surveyScales?: Record<string, SurveyScale>
  /** The portal's limits; defaults suit Professional/Enterprise private apps. */
  limits?: { tenSecondly?: number; daily?: number; searchPerSecond?: number }
}

/**
 * HubSpot's limits (docs: "API usage guidelines and limits"): a rolling 10 s window per app and
 * portal (190 Pro/Enterprise, 100 Free/Starter, 110 public OAuth apps), a daily cap by tier
 * (250k/650k/1M), and about 5 searches per second.
 */
export function hubspotRateBuckets(limits: HubSpotConnectorConfig['limits'] = {}): RateBucket[] {
  return [
    { name: 'account', limit: limits.tenSecondly ?? 190, windowMs: 10_000 },
    { name: 'daily', limit: limits.daily ?? 1_000_000, windowMs: 86_400_000 },
    { name: 'search', limit: limits.searchPerSecond ?? 5, windowMs: 1_000 },
  ]
}

/** The scopes each stream's calls need, associations included (docs: "Scopes"). */
export const HUBSPOT_STREAM_SCOPES: Record<string, string[]> = {
  companies: ['crm.objects.companies.read'],
  contacts: ['crm.objects.contacts.read'],
  tickets: ['tickets', 'crm.objects.contacts.read', 'crm.objects.companies.read'],
  feedback_submissions: [
    'crm.objects.feedback_submissions.read',
    'crm.objects.contacts.read',
    'tickets',
  ],
}

/** A stream left out of the sync, with a reason the connection state can show. */
export interface SkippedStream {
  stream: string
  missingScopes: string[]
  reason: string
}

/**
 * Which streams the granted scopes allow. `null` scopes (private apps, fixed tokens) run every
 * stream. An OAuth install without the optional feedback scope (no Service Hub, or an admin who
 * declined it) skips feedback submissions rather than failing on 403 every poll.
 */
export function streamsForScopes(scopes: string[] | null): {
  run: string[]
  skipped: SkippedStream[]
} {
  const run: string[] = []
  const skipped: SkippedStream[] = []
  for (const spec of STREAM_SPECS) {
    const missing =
      scopes === null
        ? []
        : (HUBSPOT_STREAM_SCOPES[spec.type] ?? []).filter((s) => !scopes.includes(s))
    if (missing.length === 0) run.push(spec.type)
    else
      skipped.push({
        stream: spec.type,
        missingScopes: missing,
        reason: `HubSpot did not grant ${missing.join(', ')}: ${spec.type} are not synced. Reinstall the app with this scope to add them.`,
      })
  }
  return { run, skipped }
}

/**
 * How often the archived list is read again in full: the list cannot filter archived records by
 * time and search never returns them, so deletions and merges show within this long.
 */
export const ARCHIVED_SWEEP_MS = 15 * 60_000

export function createHubSpotConnector(
  config: HubSpotConnectorConfig,
): Connector & { skippedStreams: SkippedStream[] } {
  const target = { baseUrl: config.baseUrl, auth: config.auth }
  const allowed = streamsForScopes(grantedScopes(config.auth))
  const settings = {
    target,
    lookbackMs: config.lookbackMs ?? 5 * 60_000,
    archivedSweepMs: config.archivedSweepMs ?? ARCHIVED_SWEEP_MS,
    stages: createStageCache(target),
    mapContext: {
      account: config.account,
      appBaseUrl: (config.appBaseUrl ?? 'https://app.hubspot.com').replace(/\/$/, ''),
      scales: { ...DEFAULT_SCALES, bySurveyId: { ...config.surveyScales } },
    },
  }
  return {
    source: 'hubspot',
    account: config.account,
    streams: STREAM_SPECS.filter((spec) => allowed.run.includes(spec.type)).map((spec) =>
      createObjectStream(spec, settings),
    ),
    skippedStreams: allowed.skipped,
    rateBuckets: hubspotRateBuckets(config.limits),
    classifyRateLimit: classifyHubSpotRateLimit,
  }
}
