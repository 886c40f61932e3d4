import type { Connector, RateBucket } from '../../core/sync/types.ts'
import type { HubSpotAuth } from './auth.ts'
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
  auth: HubSpotAuth
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

export function createHubSpotConnector(config: HubSpotConnectorConfig): Connector {
  const target = { baseUrl: config.baseUrl, auth: config.auth }
  const settings = {
    target,
    lookbackMs: config.lookbackMs ?? 5 * 60_000,
    archivedSweepMs: config.archivedSweepMs ?? 15 * 60_000,
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
    streams: STREAM_SPECS.map((spec) => createObjectStream(spec, settings)),
    rateBuckets: hubspotRateBuckets(config.limits),
    classifyRateLimit: classifyHubSpotRateLimit,
  }
}
