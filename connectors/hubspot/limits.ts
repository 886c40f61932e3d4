import { z } from 'zod'
import { perWindow } from '../kit/connection-fields.ts'

/**
 * The HubSpot portal's limits (docs: "API usage guidelines and limits"): requests per 10 s (190
 * Pro/Enterprise private apps, the default; 100 Free/Starter; 110 public apps), per day, and
 * searches per second (5).
 */
export const HubSpotLimits = z.strictObject({
  tenSecondly: perWindow(100_000),
  daily: perWindow(1_000_000_000),
  searchPerSecond: perWindow(1000),
})
export type HubSpotLimits = z.infer<typeof HubSpotLimits>
