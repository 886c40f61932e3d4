import { nextUtcMidnight } from '../../core/sync/retry-after.ts'
import type { RateLimitVerdict } from '../../core/sync/types.ts'

/**
 * What a HubSpot 429 asks for: `policyName: DAILY` is the portal's daily cap, and retrying before
 * the window ends only burns requests, so the account parks until the next UTC midnight (unless
 * `Retry-After` says otherwise); any other policy (TEN_SECONDLY_ROLLING, SECONDLY) is waited out.
 * [ref: HubSpot "API usage guidelines and limits", error responses]
 */
export function classifyHubSpotRateLimit(
  _response: Response,
  body: string,
  nowMs: number,
): RateLimitVerdict {
  return policyName(body) === 'DAILY'
    ? { kind: 'park', policy: 'DAILY', untilMs: nextUtcMidnight(nowMs) }
    : { kind: 'wait' }
}

function policyName(body: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body)
    return parsed && typeof parsed === 'object'
      ? (parsed as { policyName?: unknown }).policyName
      : null
  } catch {
    return null
  }
}
