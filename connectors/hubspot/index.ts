export { type HubSpotAuth, authorizationHeader } from './auth.ts'
export {
  type HubSpotConnectorConfig,
  createHubSpotConnector,
  hubspotRateBuckets,
} from './connector.ts'
export { DEFAULT_SCALES, type SurveyScale, type SurveyScales } from './mappers/scales.ts'
export type { HubSpotItem } from './types.ts'
