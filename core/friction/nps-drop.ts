import { npsPoints } from '../metrics/index.ts'
import { frictionPoint, responseEvidence, type FrictionRule } from './rule.ts'

/**
 * A fall of at least `npsDropPoints` between two consecutive NPS answers (a promoter turning
 * passive counts: the trend matters before the category does). Open while the lower answer is the
 * latest; high when it lands among detractors or falls 5 points or more.
 */
export const npsDrop: FrictionRule = (timeline, settings) => {
  const nps = timeline.responses.filter((r) => r.kind === 'nps')
  return nps.flatMap((current, i) => {
    const previous = nps[i - 1]
    if (!previous) return []
    const [from, to] = [npsPoints(previous), npsPoints(current)]
    const drop = from - to
    if (drop < settings.npsDropPoints) return []
    return [
      frictionPoint('nps_drop', {
        severity: to <= settings.npsDetractorMax || drop >= 5 ? 'high' : 'medium',
        since: current.submittedAt,
        open: i === nps.length - 1,
        reason: `NPS fell from ${from} to ${to}`,
        params: { from, to, drop },
        evidence: [...responseEvidence(current, timeline), previous.ref],
      }),
    ]
  })
}
