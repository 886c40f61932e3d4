import {
  DEFAULT_SETTINGS,
  type SurveyResponse,
  type TenantSettings,
  type Ticket,
} from '../model/index.ts'
import type { Timeline } from './timeline.ts'

/** Test helpers: readable tickets and survey answers around a fixed clock. */
export const NOW = Date.parse('2026-06-15T12:00:00.000Z')
export const HOURS = 3_600_000
export const DAYS = 24 * HOURS

/** An instant `ms` before NOW. */
export const ago = (ms: number): string => new Date(NOW - ms).toISOString()

export const requester = { source: 'zendesk', account: 'acme', object: 'user', id: '1' } as const

export function ticket(id: string, fields: Partial<Ticket> = {}): Ticket {
  return {
    ref: {
      source: 'zendesk',
      account: 'acme',
      object: 'ticket',
      id,
      url: `https://acme.example.test/agent/tickets/${id}`,
    },
    subject: `Ticket ${id}`, // "ticket" is a stop word: no topic unless a test gives one
    status: 'solved',
    sourceStatus: 'solved',
    priority: 'normal',
    channel: 'email',
    requester,
    organisation: null,
    tags: [],
    createdAt: ago(40 * DAYS),
    updatedAt: ago(39 * DAYS),
    solvedAt: ago(39 * DAYS),
    requesterUpdatedAt: ago(40 * DAYS),
    firstReplyMinutes: 30,
    fullResolutionMinutes: 1440,
    reopens: 0,
    replies: 1,
    ...fields,
  }
}

export function response(
  id: string,
  kind: SurveyResponse['kind'],
  score: number,
  fields: Partial<SurveyResponse> = {},
): SurveyResponse {
  const scale =
    fields.scale ??
    (kind === 'nps'
      ? { min: 0, max: 10 }
      : kind === 'ces'
        ? { min: 1, max: 7 }
        : { min: 1, max: 5 })
  return {
    ref: { source: 'import', account: 'surveys', object: `${kind}_response`, id },
    kind,
    score,
    scale,
    normalised: (score - scale.min) / (scale.max - scale.min),
    comment: null,
    reasons: [],
    sentiment: null,
    submittedAt: ago(10 * DAYS),
    updatedAt: ago(10 * DAYS),
    respondent: requester,
    ticket: null,
    survey: { id: `${kind}-survey`, name: null, channel: null },
    deleted: false,
    ...fields,
  }
}

export const timeline = (t: Partial<Timeline>): Timeline => ({ tickets: [], responses: [], ...t })

export const settingsWith = (friction: Partial<TenantSettings['friction']>): TenantSettings => ({
  friction: { ...DEFAULT_SETTINGS.friction, ...friction },
})

export const defaults = DEFAULT_SETTINGS.friction
