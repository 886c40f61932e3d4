import { isObject, parseJsonBody, PresetError, type SurveyPreset } from './preset.ts'

/**
 * Typeform: one webhook delivery (`event_type: form_response`, the response in `form_response`,
 * https://www.typeform.com/developers/webhooks/example-payload/) or a Responses API page
 * (`GET /forms/{id}/responses`, `{ items: [...] }`,
 * https://www.typeform.com/developers/responses/reference/retrieve-responses/).
 * The score is the answer to the form's `nps` field (0–10, answer type `number`), or to an
 * `opinion_scale` field whose definition states its `steps` (and `start_at_one`): read as CSAT on
 * that scale. Without either the row is refused (strict: a number alone names no scale).
 * Respondent: the `email` answer, else the `email` hidden field. Comment: the first text answer.
 */
type Json = Record<string, unknown>

const answersOf = (response: Json): Json[] =>
  Array.isArray(response.answers) ? response.answers.filter(isObject) : []

function opinionScale(field: Json | undefined): { min: number; max: number } | null {
  const properties = isObject(field?.properties) ? field.properties : null
  const steps = properties?.steps
  if (typeof steps !== 'number' || !Number.isInteger(steps)) return null
  const min = properties?.start_at_one === true ? 1 : 0
  return { min, max: min + steps - 1 }
}

function row(response: Json, definition: Json | null): unknown {
  const fields = new Map(
    (Array.isArray(definition?.fields) ? definition.fields.filter(isObject) : []).map((f) => [
      String(f.id),
      f,
    ]),
  )
  const answers = answersOf(response)
  const fieldOf = (a: Json) => (isObject(a.field) ? a.field : {})
  const nps = answers.find((a) => fieldOf(a).type === 'nps')
  const opinion = answers.find((a) => fieldOf(a).type === 'opinion_scale')
  const scale = opinion ? opinionScale(fields.get(String(fieldOf(opinion).id))) : null
  const scored = nps
    ? { kind: 'nps', score: nps.number, scale: { min: 0, max: 10 } }
    : opinion && scale
      ? { kind: 'csat', score: opinion.number, scale }
      : {}
  const hidden = isObject(response.hidden) ? response.hidden : {}
  const email = answers.find((a) => a.type === 'email')?.email ?? hidden.email
  const text = answers.find((a) => a.type === 'text')?.text
  return {
    id: typeof response.token === 'string' ? response.token : response.response_id,
    ...scored,
    comment: typeof text === 'string' ? text : null,
    submittedAt: response.submitted_at,
    email,
    survey: {
      id: `typeform:${String(response.form_id ?? definition?.id ?? 'form')}`,
      ...(typeof definition?.title === 'string' ? { name: definition.title } : {}),
      channel: 'typeform',
    },
  }
}

export const typeform: SurveyPreset = {
  name: 'typeform',
  docs: 'https://www.typeform.com/developers/webhooks/example-payload/',
  mediaType: 'application/json',
  read(body) {
    const json = parseJsonBody(body)
    if (isObject(json) && json.event_type === 'form_response' && isObject(json.form_response)) {
      const response = json.form_response
      return [row(response, isObject(response.definition) ? response.definition : null)]
    }
    if (isObject(json) && Array.isArray(json.items)) {
      return json.items.map((item) => (isObject(item) ? row(item, null) : {}))
    }
    throw new PresetError('send one form_response webhook delivery or a responses page {items}')
  },
}
