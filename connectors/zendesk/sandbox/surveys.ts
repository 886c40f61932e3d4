import type { RatingOption, SurveyQuestion, TextContent, ZSurveyVersion } from './types.ts'
import { isoMs } from './time.ts'

/** The CSAT survey's ids; versions change the scale (2-, then 3-, then 5-point), ids stay. */
export const SURVEY_ID = '01J58KJ9RAE0D2EK7HRVM7Z8F2'
export const RATING_QUESTION_ID = '01J1WBE8QR0YQVE373K2JDJR0F'
export const REASON_QUESTION_ID = '01J1WBGX1BR4ECKTS87CRJTXSF'
export const COMMENT_QUESTION_ID = '01J1WBNS76ZC4TTFWP9RCNQ1S8'

export const REASON_OPTIONS = [
  {
    id: '01J1WBKRG57E6M8C1145EXJ535',
    key: 'too_long',
    en: 'The issue took too long to resolve',
    fr: 'Le problème a mis trop de temps à être résolu',
  },
  {
    id: '01J5DGHV93SGA784ANJ0ZFVWRY',
    key: 'not_resolved',
    en: 'The issue was not resolved',
    fr: "Le problème n'a pas été résolu",
  },
  {
    id: '01J5DGJ0AQV900JBP73V1610AN',
    key: 'unclear',
    en: 'The information provided was not clear or helpful',
    fr: 'Les informations fournies étaient peu claires',
  },
  {
    id: '01J5DGK2M3D1Q0XW8VZ7R4T6YB',
    key: 'attitude',
    en: "The agent's attitude was unsatisfactory",
    fr: "L'attitude de l'agent n'était pas satisfaisante",
  },
] as const

const SCALES: Record<2 | 3 | 5, { key: string; en: string; fr: string; emoji: string }[]> = {
  2: [
    { key: 'bad_rating', en: 'Bad', fr: 'Mauvais', emoji: '👎' },
    { key: 'good_rating', en: 'Good', fr: 'Bien', emoji: '👍' },
  ],
  3: [
    { key: 'unsatisfied', en: 'Unsatisfied', fr: 'Insatisfait', emoji: '🙁' },
    { key: 'neutral', en: 'Neutral', fr: 'Neutre', emoji: '😐' },
    { key: 'satisfied', en: 'Satisfied', fr: 'Satisfait', emoji: '🙂' },
  ],
  5: [
    { key: 'very_unsatisfied', en: 'Very unsatisfied', fr: 'Très insatisfait', emoji: '😡' },
    { key: 'unsatisfied', en: 'Unsatisfied', fr: 'Insatisfait', emoji: '🙁' },
    { key: 'neutral', en: 'Neutral', fr: 'Neutre', emoji: '😐' },
    { key: 'satisfied', en: 'Satisfied', fr: 'Satisfait', emoji: '🙂' },
    { key: 'very_satisfied', en: 'Very satisfied', fr: 'Très satisfait', emoji: '😍' },
  ],
}

const QUESTION_TYPES = {
  2: 'rating_scale_emoji',
  3: 'rating_scale_custom_text',
  5: 'rating_scale_numeric',
} as const

/** Zendesk's categories: 2-point bad/good; 3-point bad/neutral/good; 5-point 1-2 bad, 3 neutral, 4-5 good. */
export function ratingCategory(rating: number, points: number): 'bad' | 'neutral' | 'good' {
  if (points === 2) return rating === 1 ? 'bad' : 'good'
  if (points === 3) return rating === 1 ? 'bad' : rating === 2 ? 'neutral' : 'good'
  return rating <= 2 ? 'bad' : rating === 3 ? 'neutral' : 'good'
}

function text(key: string, en: string, fr: string, locale: string): TextContent {
  return {
    type: 'dynamic',
    key: `dc.surveys.customer_satisfaction.${key}`,
    value: locale.startsWith('fr') ? fr : en,
  }
}

/** Survey versions: v1 2-point emoji, v2 3-point custom text, v3 5-point numeric (current). */
export function buildSurveyVersions(startMs: number, stepMs: number): ZSurveyVersion[] {
  return ([2, 3, 5] as const).map((points, i) => ({
    id: SURVEY_ID,
    version: i + 1,
    state: i === 2 ? 'enabled' : 'disabled',
    created_at: isoMs(startMs),
    updated_at: isoMs(startMs + i * stepMs),
    points,
  }))
}

/** A version's questions in a locale, with options (what the show endpoints return). */
export function questionsFor(version: ZSurveyVersion, locale: string): SurveyQuestion[] {
  const points = version.points
  const type = QUESTION_TYPES[points]
  const options: RatingOption[] = SCALES[points].map((o, i) => ({
    rating: i + 1,
    label: text(`question.rating.options.${o.key}`, o.en, o.fr, locale),
    ...(type === 'rating_scale_emoji'
      ? { emoji: { type: 'static' as const, value: o.emoji } }
      : {}),
  }))
  return [
    {
      id: RATING_QUESTION_ID,
      type,
      alias: 'customer satisfaction rating',
      sub_type: 'customer_satisfaction',
      headline: text(
        'questions.rating',
        'How would you rate your experience?',
        'Comment évaluez-vous votre expérience ?',
        locale,
      ),
      options,
    },
    {
      id: REASON_QUESTION_ID,
      type: 'closed_ended',
      alias: 'reason',
      headline: text(
        'questions.reason',
        'Select a reason for your experience',
        'Choisissez une raison',
        locale,
      ),
      options: REASON_OPTIONS.map((o) => ({
        id: o.id,
        label: text(`question.reason.options.${o.key}`, o.en, o.fr, locale),
      })),
    },
    {
      id: COMMENT_QUESTION_ID,
      type: 'open_ended',
      alias: 'comment',
      headline: text(
        'questions.comment',
        'Share your thoughts on the support you received',
        'Dites-nous en plus',
        locale,
      ),
    },
  ]
}
