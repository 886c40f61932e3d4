import { PUBLIC_ORIGIN } from '../staged/deployment.ts'

/**
 * The cxlens API the card reads: the deployment's public origin (`CXLENS_PUBLIC_ORIGIN`, staged by
 * scripts/stage.ts), also the only URL of `permittedUrls.fetch` (HubSpot refuses any other, and http).
 */
export const API_URL = PUBLIC_ORIGIN

/** Below HubSpot's 15 s default, so the card shows its own error before the platform's. */
export const FETCH_TIMEOUT_MS = 10_000
