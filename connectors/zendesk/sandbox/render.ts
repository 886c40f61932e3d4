import { questionsFor } from './surveys.ts'
import type { SurveyQuestion, ZAnswer, ZSurveyResponse, ZSurveyVersion } from './types.ts'

/**
 * A survey response as Zendesk serves it. The list endpoint's answers carry a bare question
 * (`id`, `type`, `sub_type`); the show endpoint (`locale` given) carries the full question with its
 * options, which is where the rating scale lives. [ref: "CSAT survey responses"]
 */
export function renderSurveyResponse(
  r: ZSurveyResponse,
  versions: ZSurveyVersion[],
  locale?: string,
) {
  const version = versions.find((v) => v.version === r.survey_version)
  const questions = version ? questionsFor(version, locale ?? 'en-us') : []
  const questionOf = (id: string): Partial<SurveyQuestion> => {
    const q = questions.find((candidate) => candidate.id === id)
    if (!q) return { id }
    if (locale) return q
    return q.sub_type
      ? { id: q.id, type: q.type, sub_type: q.sub_type }
      : { id: q.id, type: q.type }
  }
  const zrn = `zen:ticket:${r.ticket_id}`
  return {
    answers: r.answers.map((a) => renderAnswer(a, questionOf(a.question_id))),
    expires_at: r.expires_at,
    id: r.id,
    responder_id: r.responder_id,
    subject_zrns: [zrn],
    subjects: [{ id: String(r.ticket_id), type: 'ticket', zrn }],
    survey: { id: r.survey_id, state: 'enabled', version: r.survey_version },
  }
}

function renderAnswer(a: ZAnswer, question: Partial<SurveyQuestion>) {
  const times = { created_at: a.created_at, updated_at: a.updated_at }
  switch (a.type) {
    case 'rating_scale':
      return {
        type: a.type,
        question,
        rating: a.rating,
        rating_category: a.rating_category,
        ...times,
      }
    case 'closed_ended':
      return {
        type: a.type,
        question,
        selections: a.option_ids.map((option_id) => ({ type: 'predefined', option_id })),
        ...times,
      }
    case 'open_ended':
      return { type: a.type, question, value: a.value, ...times }
    default:
      return { type: a.type, question, ...times }
  }
}

/** A survey version as `GET /api/v2/guide/{locale}/surveys` serves it. */
export function renderSurvey(v: ZSurveyVersion, locale: string) {
  return {
    created_at: v.created_at,
    id: v.id,
    questions: questionsFor(v, locale),
    state: v.state,
    updated_at: v.updated_at,
    version: v.version,
  }
}
