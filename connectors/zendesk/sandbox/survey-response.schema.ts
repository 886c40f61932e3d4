/**
 * JSON Schema for CSAT survey responses, written by hand from Zendesk's API reference page
 * "CSAT survey responses" (the endpoints are not in Zendesk's OpenAPI file). Mandatory fields
 * there are required here; answers are one of four shapes told apart by `type`.
 */
const text = {
  type: 'object',
  required: ['type', 'value'],
  properties: {
    type: { enum: ['static', 'dynamic'] },
    key: { type: 'string' },
    value: { type: 'string' },
  },
}

const ratingQuestionTypes = [
  'rating_scale_numeric',
  'rating_scale_emoji',
  'rating_scale_custom_text',
]

/** On the show endpoint the question carries alias, headline and options; on the list, only id/type(/sub_type). */
const question = {
  type: 'object',
  required: ['id', 'type'],
  properties: {
    id: { type: 'string' },
    type: { enum: [...ratingQuestionTypes, 'closed_ended', 'open_ended'] },
    sub_type: { enum: ['customer_satisfaction', 'other'] },
    alias: { type: 'string' },
    headline: { anyOf: [text, { type: 'null' }] },
    options: {
      anyOf: [
        { type: 'null' },
        {
          type: 'array',
          items: {
            anyOf: [
              {
                type: 'object',
                required: ['rating', 'label'],
                properties: { rating: { type: 'integer' }, label: text, emoji: text },
              },
              {
                type: 'object',
                required: ['id', 'label'],
                properties: { id: { type: 'string' }, label: text },
              },
            ],
          },
        },
      ],
    },
  },
}

const times = {
  created_at: { type: 'string', format: 'date-time' },
  updated_at: { type: 'string', format: 'date-time' },
}
const answerBase = ['type', 'question', 'created_at', 'updated_at']

const answer = {
  oneOf: [
    {
      type: 'object',
      required: answerBase,
      properties: { type: { const: 'skipped' }, question, ...times },
    },
    {
      type: 'object',
      required: [...answerBase, 'selections'],
      properties: {
        type: { const: 'closed_ended' },
        question,
        selections: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'option_id'],
            properties: { type: { const: 'predefined' }, option_id: { type: 'string' } },
          },
        },
        ...times,
      },
    },
    {
      type: 'object',
      required: [...answerBase, 'value'],
      properties: { type: { const: 'open_ended' }, question, value: { type: 'string' }, ...times },
    },
    {
      type: 'object',
      required: [...answerBase, 'rating', 'rating_category'],
      properties: {
        type: { const: 'rating_scale' },
        question: {
          ...question,
          properties: { ...question.properties, type: { enum: ratingQuestionTypes } },
          required: ['id', 'type', 'sub_type'],
        },
        rating: { type: 'integer', minimum: 1 },
        rating_category: { enum: ['bad', 'neutral', 'good'] },
        ...times,
      },
    },
  ],
}

export const SurveyResponseSchema = {
  type: 'object',
  required: ['answers', 'expires_at', 'id', 'responder_id', 'subject_zrns', 'subjects', 'survey'],
  properties: {
    answers: { type: 'array', items: answer },
    expires_at: { type: 'string', format: 'date-time' },
    id: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' },
    responder_id: { type: 'integer' },
    subject_zrns: { type: 'array', items: { type: 'string', pattern: '^zen:[a-z]+:.+$' } },
    subjects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'zrn'],
        properties: { id: { type: 'string' }, type: { type: 'string' }, zrn: { type: 'string' } },
      },
    },
    survey: {
      type: 'object',
      required: ['id', 'version', 'state'],
      properties: {
        id: { type: 'string' },
        version: { type: 'integer' },
        state: { enum: ['enabled', 'disabled'] },
      },
    },
  },
} as const

export const SurveyResponsesListSchema = {
  type: 'object',
  required: ['meta', 'survey_responses'],
  properties: {
    meta: {
      type: 'object',
      required: ['has_more', 'after_cursor', 'before_cursor'],
      properties: {
        has_more: { type: 'boolean' },
        after_cursor: { type: ['string', 'null'] },
        before_cursor: { type: ['string', 'null'] },
      },
    },
    survey_responses: { type: 'array', items: SurveyResponseSchema },
  },
} as const

export const SurveyResponseShowSchema = {
  type: 'object',
  required: ['survey_response'],
  properties: { survey_response: SurveyResponseSchema },
} as const
