// Everything HubSpot, as the rest of cxlens may use it: the worker imports nothing deeper.
export {
  authorizationHeader,
  grantedScopes,
  HubSpotAuth,
  HubSpotAuthInput,
  withAuthorization,
  type HubSpotCredentials,
} from './auth.ts'
export * as hubspotOAuth from './oauth.ts'
export { createHubSpotTask } from './task.ts'
export {
  ARCHIVED_SWEEP_MS,
  createHubSpotConnector,
  HUBSPOT_STREAM_SCOPES,
  hubspotRateBuckets,
  streamsForScopes,
  type HubSpotConnectorConfig,
  type SkippedStream,
} from './connector.ts'
export {
  HUBSPOT_API,
  HubSpotConnectionInput,
  hubspotConnectorFor,
  resolveHubSpotAccount,
} from './connection.ts'
export { HubSpotLimits } from './limits.ts'
export { STAGES_MAX_AGE_MS } from './streams/pipelines.ts'
export { hubspotRef } from './mappers/refs.ts'
export { DEFAULT_SCALES, type SurveyScale, type SurveyScales } from './mappers/scales.ts'
export { classifyHubSpotRateLimit } from './rate-policy.ts'
export {
  decodeSignedUri,
  HUBSPOT_CARD_UNSIGNED,
  HUBSPOT_SIGNATURE_WINDOW,
  hubspotSigningSecret,
  readHubSpotSignature,
  verifyHubSpotDelivery,
  type HubSpotSignature,
} from './signature.ts'
export type { HubSpotItem } from './types.ts'
export {
  groupHubSpotDelivery,
  HUBSPOT_REFRESH_TIMING,
  HubSpotEvent,
  hubspotEvents,
} from './webhooks.ts'

/** Which record a HubSpot id from a card names. */
export const HUBSPOT_LOOKUP_REFS = {
  hubspot_contact: { object: 'contact', by: 'person' },
  hubspot_ticket: { object: 'ticket', by: 'ticket' },
} as const
