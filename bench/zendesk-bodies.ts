// What the store's Zendesk records should say, computed apart from the sync: each live record of
// the sandbox's account, served the way its list or export endpoint serves it, run through the
// connector's own stream mappers, hashed. Runs in the sandbox process (bench/sandbox-child.ts).
import { createZendeskConnector } from '../connectors/zendesk/index.ts'
import {
  isRatingAnswer,
  needsSurveyVersion,
  optionLabelsOf,
  scaleFromQuestion,
  type SurveyVersionInfo,
} from '../connectors/zendesk/mappers/to-survey-response.ts'
import type { ZendeskSandbox } from '../connectors/zendesk/sandbox/app.ts'
import { renderSurveyResponse } from '../connectors/zendesk/sandbox/render.ts'
import { ZendeskSurveyResponse } from '../connectors/zendesk/types.ts'
import { asServed, hashedRecords } from './record-bodies.ts'

/**
 * `ref key → hash` of every live record's mapped body: tickets not deleted (with their side-loaded
 * metric set, as `include=metric_sets` serves it), active users, organizations not deleted,
 * received ratings, survey responses (unanswered ones map to nothing).
 */
export function expectedZendeskBodies(
  sandbox: ZendeskSandbox,
  account: string,
): [string, string][] {
  const connector = createZendeskConnector({
    account,
    baseUrl: 'http://unused',
    auth: { kind: 'api_token', email: 'unused', token: 'unused' },
  })
  const mapperOf = (name: string) => {
    const stream = connector.streams.find((s) => s.name === name)
    if (!stream) throw new Error(`no ${name} stream`)
    return (item: unknown) => stream.map(item as never)
  }
  const data = sandbox.state.account
  const out: [string, string][] = []
  const add = (name: string, items: Iterable<unknown>) => {
    const map = mapperOf(name)
    for (const item of items) out.push(...hashedRecords(map(item)))
  }
  add(
    'tickets',
    [...data.tickets.values()]
      .filter((t) => t.status !== 'deleted')
      .map((t) => ({
        ticket: asServed(t),
        metricSet: asServed(data.metricSets.get(t.id) ?? null),
      })),
  )
  add('users', [...data.users.values()].filter((u) => u.active).map(asServed))
  add('organizations', [...data.organizations.values()].filter((o) => !o.deleted_at).map(asServed))
  add(
    'satisfaction_ratings',
    [...data.ratings.values()].filter((r) => r.score === 'good' || r.score === 'bad').map(asServed),
  )
  add(
    'survey_responses',
    [...data.surveyResponses.values()].map((r) => {
      const response = asServed(renderSurveyResponse(r, data.surveyVersions))
      return {
        response,
        survey: surveyVersionOf(
          response,
          asServed(renderSurveyResponse(r, data.surveyVersions, 'en-us')),
        ),
      }
    }),
  )
  return out
}

/**
 * What the survey-responses stream learns from the show endpoint (`shown`, the same response with
 * full questions) when the list answer leaves the scale out: its rating scale and option labels.
 */
function surveyVersionOf(listed: unknown, shown: unknown): SurveyVersionInfo | null {
  const response = ZendeskSurveyResponse.safeParse(listed)
  if (!response.success || !needsSurveyVersion(response.data)) return null
  const full = ZendeskSurveyResponse.safeParse(shown)
  if (!full.success) return null
  const rating = full.data.answers.find(isRatingAnswer)
  return {
    scale: rating ? scaleFromQuestion(rating) : null,
    optionLabels: optionLabelsOf(full.data.answers),
  }
}
