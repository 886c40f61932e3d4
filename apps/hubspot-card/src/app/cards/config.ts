/**
 * The cxlens API the card reads. It must also be listed in `permittedUrls.fetch` of
 * `../app-hsmeta.json` (HubSpot refuses any other URL, and only https).
 */
export const API_URL = 'https://api.cxlens.example'

/** Below HubSpot's 15 s default, so the card shows its own error before the platform's. */
export const FETCH_TIMEOUT_MS = 10_000
