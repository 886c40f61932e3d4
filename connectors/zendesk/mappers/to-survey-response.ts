import type { SurveyResponse, UnifiedRecord } from '../../../core/model/index.ts'
import { normalise } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import {
  ZendeskChoiceOption,
  ZendeskRatingOption,
  ZendeskSatisfactionRating,
  ZendeskSurveyResponse,
  type ZendeskSurveyAnswer,
} from '../types.ts'
import { optionalRef, parseRaw, toInstant, zendeskRef } from './refs.ts'

/** The legacy CSAT is a two-point scale: bad (1) or good (2). */
const LEGACY_SCORES: Record<string, number> = { bad: 1, good: 2 }
export const LEGACY_SURVEY = { id: 'satisfaction_rating', name: 'CSAT (legacy)', channel: null }

/**
 * A legacy satisfaction rating → a CSAT answer. `offered` / `unoffered` are not answers: nothing
 * is emitted (no quarantine). The rating's `updated_at` is when the customer rated.
 */
export function toSurveyResponseFromRating(raw: unknown, account: string): UnifiedRecord[] {
  const rating = parseRaw(ZendeskSatisfactionRating, raw, 'satisfaction_rating')
  const score = LEGACY_SCORES[rating.score]
  if (score === undefined) return []
  const scale = { min: 1, max: 2 }
  const record: SurveyResponse = {
    ref: zendeskRef(account, 'satisfaction_rating', rating.id),
    kind: 'csat',
    score,
    scale,
    normalised: normalise(score, scale),
    labels: ['Bad', 'Good'],
    comment: nonEmpty(rating.comment),
    reasons: nonEmpty(rating.reason) === null ? [] : [rating.reason as string],
    sentiment: null,
    submittedAt: toInstant(rating.updated_at, 'updated_at'),
    updatedAt: toInstant(rating.updated_at, 'updated_at'),
    respondent: optionalRef(account, 'user', rating.requester_id),
    ticket: optionalRef(account, 'ticket', rating.ticket_id),
    survey: LEGACY_SURVEY,
    deleted: false,
  }
  return [{ kind: 'survey_response', record }]
}

/** How many points the rating question has, and its labels worst first when all are known. */
export interface RatingScale {
  points: number
  labels: string[] | null
}

/** What the list may leave out and the survey version knows: the scale and the option labels. */
export interface SurveyVersionInfo {
  scale: RatingScale | null
  /** Closed-ended option id → label. */
  optionLabels: Record<string, string>
}

/** A CSAT survey response with what its survey version says (null when the list was enough). */
export interface SurveyResponseWithSurvey {
  response: unknown
  survey: SurveyVersionInfo | null
}

export function isRatingAnswer(answer: ZendeskSurveyAnswer): boolean {
  const type = answer.type.startsWith('rating_scale') ? answer.type : (answer.question?.type ?? '')
  return answer.type !== 'skipped' && type.startsWith('rating_scale') && answer.rating != null
}

/** The scale as the answer's own question describes it (options `{rating, label}`), if it does. */
export function scaleFromQuestion(answer: ZendeskSurveyAnswer): RatingScale | null {
  const options = (answer.question?.options ?? [])
    .map((o) => ZendeskRatingOption.safeParse(o))
    .flatMap((p) => (p.success ? [p.data] : []))
    .sort((a, b) => a.rating - b.rating)
  if (options.length < 2) return null
  const points = options[options.length - 1]!.rating
  const labels = options.map((o) => o.label)
  const complete = options.length === points && labels.every((l) => l !== null)
  return { points, labels: complete ? (labels as string[]) : null }
}

/** Closed-ended option labels as the answers' questions list them. */
export function optionLabelsOf(answers: ZendeskSurveyAnswer[]): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const answer of answers) {
    for (const option of answer.question?.options ?? []) {
      const parsed = ZendeskChoiceOption.safeParse(option)
      if (parsed.success && parsed.data.label) labels[parsed.data.id] = parsed.data.label
    }
  }
  return labels
}

/** True when the list answer leaves out what the mapper needs (the scale, a reason's label). */
export function needsSurveyVersion(response: ZendeskSurveyResponse): boolean {
  const rating = response.answers.find(isRatingAnswer)
  if (rating && !scaleFromQuestion(rating)) return true
  return response.answers.some(
    (a) => a.type === 'closed_ended' && (a.selections ?? []).some((s) => !s.option?.label),
  )
}

/**
 * A CSAT survey response → a CSAT answer on its own 2-, 3- or 5-point scale. Closed-ended answers
 * become reasons, the open-ended one the comment; skipped questions are ignored. A response whose
 * rating question was skipped carries no score: nothing is emitted.
 */
export function toSurveyResponseFromCsat(
  item: SurveyResponseWithSurvey,
  account: string,
): UnifiedRecord[] {
  const response = parseRaw(ZendeskSurveyResponse, item.response, 'survey_response')
  const answered = response.answers.filter((a) => a.type !== 'skipped')
  const ratingAnswer = answered.find(isRatingAnswer)
  if (!ratingAnswer) return []
  const scale = scaleFromQuestion(ratingAnswer) ?? item.survey?.scale
  if (!scale) throw new MapError('rating scale size unknown (no options on question or survey)')
  const score = ratingAnswer.rating as number
  const range = { min: 1, max: scale.points }
  if (scale.points < 2 || !Number.isInteger(score) || score < 1 || score > scale.points) {
    throw new MapError(`rating ${score} is not on a ${scale.points}-point scale`)
  }
  const { submittedAt, updatedAt } = timesOf(response)
  const record: SurveyResponse = {
    ref: zendeskRef(account, 'survey_response', response.id),
    kind: 'csat',
    score,
    scale: range,
    normalised: normalise(score, range),
    ...(scale.labels ? { labels: scale.labels } : {}),
    comment: commentOf(answered),
    reasons: reasonsOf(answered, {
      ...item.survey?.optionLabels,
      ...optionLabelsOf(answered),
    }),
    sentiment: null,
    submittedAt,
    updatedAt,
    respondent: optionalRef(account, 'user', response.responder_id),
    ticket: optionalRef(account, 'ticket', ticketIdOf(response)),
    survey: { id: response.survey?.id ?? response.survey_id ?? 'csat', name: null, channel: null },
    deleted: false,
  }
  return [{ kind: 'survey_response', record }]
}

/** Picked reasons by label; an option whose label nobody gave stays as its id. */
function reasonsOf(answers: ZendeskSurveyAnswer[], labels: Record<string, string>): string[] {
  return answers
    .filter((a) => a.type === 'closed_ended')
    .flatMap((a) => a.selections ?? [])
    .flatMap((s) => {
      if (s.option?.label) return [s.option.label]
      const id = s.option?.id ?? s.option_id
      return id ? [labels[id] ?? id] : []
    })
}

function commentOf(answers: ZendeskSurveyAnswer[]): string | null {
  const texts = answers
    .filter((a) => a.type === 'open_ended')
    .map((a) => nonEmpty(a.response ?? a.value ?? a.text))
    .filter((t): t is string => t !== null)
  return texts.length === 0 ? null : texts.join('\n')
}

/** The ticket the response is about: `subjects[{type:'ticket'}]`, else a `zen:ticket:<id>` zrn. */
export function ticketIdOf(response: ZendeskSurveyResponse): string | null {
  const subject = response.subjects?.find((s) => s.type === 'ticket')
  if (subject) return subject.id
  for (const zrn of response.subject_zrns ?? []) {
    const match = /^(?:zen|zrn):ticket:(\d+)$/.exec(zrn)
    if (match) return match[1]!
  }
  return null
}

/** Responses have no top-level times in the reference; their answers do. */
function timesOf(response: ZendeskSurveyResponse): { submittedAt: string; updatedAt: string } {
  const created = [response.created_at, ...response.answers.map((a) => a.created_at)]
  const updated = [response.updated_at, ...response.answers.map((a) => a.updated_at), ...created]
  const first = pick(created, (a, b) => a < b)
  const last = pick(updated, (a, b) => a > b)
  if (first === null || last === null) throw new MapError('survey_response has no timestamps')
  return { submittedAt: new Date(first).toISOString(), updatedAt: new Date(last).toISOString() }
}

function pick(values: (string | null)[], better: (a: number, b: number) => boolean): number | null {
  let best: number | null = null
  for (const value of values) {
    if (!value) continue
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw new MapError('survey_response has an invalid timestamp')
    if (best === null || better(ms, best)) best = ms
  }
  return best
}

function nonEmpty(text: string | null | undefined): string | null {
  return text == null || text.trim() === '' ? null : text
}
