import { npsPoints } from '../metrics/index.ts'
import { frictionPoint, responseEvidence, type FrictionRule } from './rule.ts'

/**
 * An NPS answer at or below the tenant's detractor mark (6 by convention). NPS measures the whole
 * relationship, so it stays open until a later NPS answer replaces it, however long that takes.
 * 0–3 is high severity.
 */
export const npsDetractor: FrictionRule = (timeline, settings) => {
  const nps = timeline.responses.filter((r) => r.kind === 'nps')
  const latest = nps.at(-1)
  return nps.flatMap((r) => {
    const score = npsPoints(r)
    if (score > settings.npsDetractorMax) return []
    return [
      frictionPoint('nps_detractor', {
        severity: score <= 3 ? 'high' : 'medium',
        since: r.submittedAt,
        open: r === latest,
        reason: `NPS answer ${score} (detractor)`,
        params: { score },
        evidence: responseEvidence(r, timeline),
      }),
    ]
  })
}
