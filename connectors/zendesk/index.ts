// Everything Zendesk, as the rest of cxlens may use it: the worker imports nothing deeper.
export {
  authorizationHeader,
  withAuthorization,
  ZendeskAuth,
  ZendeskAuthInput,
  type ZendeskCredentials,
} from './auth.ts'
export * as zendeskOAuth from './oauth.ts'
export { addZendeskInternalNote } from './ticket-note.ts'
export { createZendeskConnector, type ZendeskConfig } from './connector.ts'
export {
  resolveZendeskAccount,
  ZENDESK_SUBDOMAIN,
  ZendeskConnectionInput,
  zendeskConnectorFor,
} from './connection.ts'
export { ZendeskLimits } from './limits.ts'
export { zendeskRef } from './mappers/refs.ts'
export { ZENDESK_WEBHOOK_WINDOW, verifyZendeskWebhook } from './webhook-signature.ts'
export { ZENDESK_REFRESH_TIMING, zendeskEvents } from './webhooks.ts'
export {
  looksLikeJwt,
  verifyZafJwt,
  ZAF_JWT_DEFAULTS,
  zafSignatureMatches,
  type ZafKey,
  type ZafCaller,
  type ZafJwtRule,
} from './zaf-jwt.ts'

/** Which record a Zendesk id from a sidebar names. */
export const ZENDESK_LOOKUP_REFS = {
  zendesk_user: { object: 'user', by: 'person' },
  zendesk_ticket: { object: 'ticket', by: 'ticket' },
} as const
