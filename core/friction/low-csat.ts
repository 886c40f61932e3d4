import {
  DAY,
  SURVEY_LABEL,
  at,
  frictionPoint,
  responseEvidence,
  type FrictionRule,
} from './rule.ts'

// Normalised scores come from a division: 3 on 1–5 is 0.5, but be generous by a hair.
const EPSILON = 1e-9

/**
 * A CSAT or CES answer at or below the tenant's low mark. Open while it is recent (the customer
 * still remembers); the worst quarter of the scale is high severity.
 */
export const lowCsat: FrictionRule = (timeline, settings, now) =>
  timeline.responses
    .filter(
      (r) =>
        (r.kind === 'csat' || r.kind === 'ces') &&
        r.normalised <= settings.lowCsatNormalisedMax + EPSILON,
    )
    .map((r) =>
      frictionPoint('low_csat', {
        severity: r.normalised <= 0.25 + EPSILON ? 'high' : 'medium',
        since: r.submittedAt,
        open: now - at(r.submittedAt) <= settings.lowCsatWindowDays * DAY,
        reason: `${SURVEY_LABEL[r.kind]} answer ${r.score} on a ${r.scale.min}–${r.scale.max} scale`,
        params: { survey: r.kind, score: r.score, min: r.scale.min, max: r.scale.max },
        evidence: responseEvidence(r, timeline),
      }),
    )
