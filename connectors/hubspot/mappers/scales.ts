import type { SurveyKind } from '../../../core/model/index.ts'

export interface SurveyScale {
  min: number
  max: number
  /** Option labels, worst first, when HubSpot names them. */
  labels?: string[]
}

/** Scales by survey type, overridable per survey id (custom surveys have no fixed scale). */
export interface SurveyScales {
  byType: Partial<Record<SurveyKind, SurveyScale>>
  bySurveyId: Record<string, SurveyScale>
}

/**
 * HubSpot's feedback surveys (docs: "Survey responses" guide; knowledge base "customer feedback"):
 * NPS answers 0–10; CSAT answers one of three faces stored as `hs_value` 0 (unhappy) … 2 (happy),
 * grouped DETRACTOR / PASSIVE / PROMOTER; CES answers a 7-point agreement scale, 1 (strongly
 * disagree that it was easy) … 7. [unverified for CES] — override per survey id in the config.
 */
export const DEFAULT_SCALES: SurveyScales = {
  byType: {
    nps: { min: 0, max: 10 },
    csat: { min: 0, max: 2, labels: ['Unhappy', 'Neutral', 'Happy'] },
    ces: { min: 1, max: 7 },
  },
  bySurveyId: {},
}
