export { type HubSpotAuth, authorizationHeader, withAuthorization } from './auth.ts'
export {
  type HubSpotConnectorConfig,
  type SkippedStream,
  HUBSPOT_STREAM_SCOPES,
  createHubSpotConnector,
  hubspotRateBuckets,
  streamsForScopes,
} from './connector.ts'
export * as hubspotOAuth from './oauth.ts'
export { DEFAULT_SCALES, type SurveyScale, type SurveyScales } from './mappers/scales.ts'
export type { HubSpotItem } from './types.ts'
