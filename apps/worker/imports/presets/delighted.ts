import { isObject, parseJsonBody, PresetError, type SurveyPreset } from './preset.ts'

/**
 * Delighted: the survey responses API (`GET /v1/survey_responses.json?expand[]=person`, a JSON
 * array) or one webhook event (`survey_response.created` / `.updated`, the response in
 * `event_data`). Docs: https://app.delighted.com/docs/api/listing-survey-responses and
 * https://app.delighted.com/docs/api/webhooks. Times are Unix seconds. `person` must be expanded
 * (an object with `email`); a bare person id names no one, so such a row is refused.
 * Delighted's CSV export has no documented column list, so only JSON is accepted (strict).
 */
const SCALES: Record<string, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  // Delighted CSAT asks 1–5 and CES 1–7 (their survey type pages); other types are refused.
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
}

const instant = (seconds: unknown) =>
  typeof seconds === 'number' && Number.isFinite(seconds)
    ? new Date(seconds * 1000).toISOString()
    : seconds

function row(response: unknown): unknown {
  if (!isObject(response)) return {}
  const person = isObject(response.person) ? response.person : {}
  const kind = response.survey_type
  return {
    id: response.id === undefined ? undefined : String(response.id),
    kind,
    score: response.score,
    ...(typeof kind === 'string' && SCALES[kind] ? { scale: SCALES[kind] } : {}),
    comment: typeof response.comment === 'string' ? response.comment : null,
    submittedAt: instant(response.created_at),
    ...(response.updated_at !== undefined ? { updatedAt: instant(response.updated_at) } : {}),
    email: person.email,
    survey: { id: `delighted:${String(kind)}`, channel: 'delighted' },
  }
}

export const delighted: SurveyPreset = {
  name: 'delighted',
  docs: 'https://app.delighted.com/docs/api/webhooks',
  mediaType: 'application/json',
  read(body) {
    const json = parseJsonBody(body)
    if (Array.isArray(json)) return json.map(row)
    if (isObject(json) && typeof json.event_type === 'string') {
      if (!json.event_type.startsWith('survey_response.')) {
        throw new PresetError(`a ${json.event_type} event carries no survey response`)
      }
      return [row(json.event_data)]
    }
    throw new PresetError('send the survey responses array or one survey_response webhook event')
  },
}
