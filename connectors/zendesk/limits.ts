import { z } from 'zod'
import { perWindow } from '../kit/connection-fields.ts'

/**
 * The Zendesk plan's limits (docs: "Rate limits"): account requests per minute, Team 200,
 * Growth/Professional 400, Enterprise 700 (the default), Enterprise Plus or High Volume add-on 2500;
 * incremental exports per minute, 10 (default) or 30 with High Volume.
 */
export const ZendeskLimits = z.strictObject({
  accountPerMinute: perWindow(100_000),
  exportPerMinute: perWindow(1000),
})
export type ZendeskLimits = z.infer<typeof ZendeskLimits>
