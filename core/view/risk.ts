import type { CustomerRisk, CustomerView, FrictionGroup, FrictionSettings } from '../model/index.ts'

type Reason = CustomerRisk['reasons'][number]

/** A group that cost this many tickets is a customer who kept coming back. */
const REPEAT_CONTACTS_MIN = 3
/** Recent CSAT under this share of satisfied answers is a warning sign. */
const LOW_CSAT_PERCENT = 50
/** This many high-severity problems at once put a customer at risk without anything critical. */
const HIGH_GROUPS_AT_RISK = 3

/**
 * The customer-level call: **at risk** with a critical problem open, three high ones, or a high one
 * on a customer whose NPS is a detractor or falling; **watch** with any open problem or a bad
 * signal (detractor, falling NPS, low recent CSAT); **fine** otherwise. Reasons are the facts that
 * made the call, most serious first.
 */
export function customerRisk(
  groups: readonly FrictionGroup[],
  nps: CustomerView['nps'],
  csat: CustomerView['csat'],
  settings: Pick<FrictionSettings, 'npsDetractorMax' | 'npsDropPoints'>,
): CustomerRisk {
  const count = (severity: FrictionGroup['severity']) =>
    groups.filter((g) => g.severity === severity).length
  const [critical, high] = [count('critical'), count('high')]
  const lesser = groups.length - critical - high
  const latest = nps.latest?.score ?? null
  const detractor = latest !== null && latest <= settings.npsDetractorMax
  const falling = nps.trend !== null && nps.trend <= -settings.npsDropPoints
  const mostContacts = Math.max(0, ...groups.map((g) => g.contacts))
  const lowCsat =
    csat.recentSatisfiedPercent !== null && csat.recentSatisfiedPercent < LOW_CSAT_PERCENT

  const reasons: Reason[] = []
  if (critical > 0) reasons.push({ code: 'critical_friction', params: { count: critical } })
  if (falling && latest !== null) {
    reasons.push({ code: 'nps_falling', params: { from: latest - nps.trend!, to: latest } })
  }
  if (detractor) reasons.push({ code: 'nps_detractor', params: { score: latest } })
  if (high > 0) reasons.push({ code: 'high_friction', params: { count: high } })
  if (mostContacts >= REPEAT_CONTACTS_MIN) {
    reasons.push({ code: 'repeat_contacts', params: { count: mostContacts } })
  }
  if (lowCsat) {
    reasons.push({ code: 'low_csat', params: { percent: csat.recentSatisfiedPercent! } })
  }
  if (lesser > 0) reasons.push({ code: 'open_friction', params: { count: lesser } })

  const atRisk = critical > 0 || high >= HIGH_GROUPS_AT_RISK || (high > 0 && (detractor || falling))
  return { level: atRisk ? 'at_risk' : reasons.length > 0 ? 'watch' : 'fine', reasons }
}
