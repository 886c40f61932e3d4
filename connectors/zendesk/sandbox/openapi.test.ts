import { isArchived } from './routes/list-endpoints.ts'
import { readFileSync } from 'node:fs'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { load } from 'js-yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { createZendeskSandbox } from './app.ts'
import { SurveyResponseShowSchema, SurveyResponsesListSchema } from './survey-response.schema.ts'
import { get } from './testing.ts'

const SPEC = new URL('../../../../shared/specs/zendesk/openapi-src.yaml', import.meta.url)

/**
 * Where Zendesk's live API sends null (or a value) its OpenAPI file does not allow. Each is a real
 * response shape, so the spec is widened here, named, rather than the sandbox made less faithful.
 */
const SPEC_GAPS: [schema: string, property: string][] = [
  ['TicketObject', 'assignee_id'], // unassigned tickets
  ['TicketObject', 'organization_id'],
  ['TicketObject', 'group_id'],
  ['TicketObject', 'problem_id'],
  ['TicketObject', 'external_id'],
  ['TicketObject', 'type'],
  ['TicketObject', 'priority'], // no priority set
  ['TicketObject', 'forum_topic_id'],
  ['TicketObject', 'recipient'],
  ['TicketObject', 'satisfaction_rating'], // CSAT off for the ticket
  ['UserForAdmin', 'email'], // phone-only end users
  ['UserForAdmin', 'last_login_at'], // never signed in
  ['UserForAdmin', 'default_group_id'], // end users
  ['TicketMetricObject', 'solved_at'], // unsolved tickets
  ['TicketMetricObject', 'assigned_at'],
  ['TicketMetricObject', 'initially_assigned_at'],
  ['TicketMetricObject', 'assignee_updated_at'],
  ['TicketMetricTimeObject', 'calendar'], // not replied / not resolved yet
  ['TicketMetricTimeObject', 'business'],
  ['SatisfactionRatingObject', 'comment'],
  ['SatisfactionRatingObject', 'reason'],
  ['SatisfactionRatingObject', 'reason_id'],
]

type Schema = Record<string, any>
let ajv: Ajv
const validatorFor = (name: string) => ajv.getSchema(`zendesk#/components/schemas/${name}`)!

function check(validate: ReturnType<typeof validatorFor>, body: unknown): string[] {
  return validate(body)
    ? []
    : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)
}

beforeAll(() => {
  const spec = load(readFileSync(SPEC, 'utf8')) as {
    components: { schemas: Record<string, Schema> }
  }
  const schemas = spec.components.schemas
  for (const [name, prop] of SPEC_GAPS) {
    const property = schemas[name]!.properties[prop]
    property.nullable = true
    if (property.enum) property.enum = [...property.enum, null]
    if (!property.type) property.type = 'object'
  }
  // An empty custom field's value is null.
  schemas.TicketObject!.properties.custom_fields.items.properties.value.nullable = true
  // Deleted tickets come with status "deleted", which the enum lacks. [ref: "Incremental exports"]
  schemas.TicketObject!.properties.status.enum.push('deleted')
  ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  // The file spells some user times `format: datetime`; hold them to the same ISO shape.
  ajv.addFormat('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
  ajv.addSchema({ $id: 'zendesk', components: { schemas } })
  ajv.addSchema(SurveyResponsesListSchema, 'survey-responses-list')
  ajv.addSchema(SurveyResponseShowSchema, 'survey-response-show')
})

const sandbox = createZendeskSandbox({
  users: 400,
  tickets: 3000,
  now: Date.parse('2026-01-15T09:00:00Z'),
  rateLimits: { account: false, incremental: false },
})
sandbox.mutate({
  newTickets: 5,
  updatedTickets: 10,
  deletedTickets: 3,
  userMerges: 2,
  deletedOrganizations: 1,
  newRatings: 2,
  newSurveyResponses: 2,
})
sandbox.advance(120_000)

describe('sandbox responses validate against Zendesk OpenAPI (openapi-src.yaml)', () => {
  it('incremental ticket export, with side-loaded metric sets', async () => {
    const { body } = await get(
      sandbox,
      '/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets',
    )
    expect(check(validatorFor('CursorBasedExportIncrementalTicketsResponse'), body)).toEqual([])
    const metric = validatorFor('TicketMetricObject')
    expect(body.metric_sets.flatMap((m: unknown) => check(metric, m))).toEqual([])
    expect(body.tickets.some((t: { status: string }) => t.status === 'deleted')).toBe(true)
  })

  it('incremental user export', async () => {
    const { body } = await get(sandbox, '/api/v2/incremental/users/cursor.json?start_time=0')
    expect(check(validatorFor('CursorBasedExportIncrementalUsersResponse'), body)).toEqual([])
    expect(body.users.length).toBe(400)
  })

  it('incremental organization export', async () => {
    const { body } = await get(sandbox, '/api/v2/incremental/organizations.json?start_time=0')
    expect(check(validatorFor('ExportIncrementalOrganizationsResponse'), body)).toEqual([])
  })

  it('satisfaction ratings (cursor and offset pages)', async () => {
    const cursor = await get(sandbox, '/api/v2/satisfaction_ratings?page[size]=100')
    expect(check(validatorFor('SatisfactionRatingsResponse'), cursor.body)).toEqual([])
    const offset = await get(sandbox, '/api/v2/satisfaction_ratings.json?page=2')
    expect(check(validatorFor('SatisfactionRatingsResponse'), offset.body)).toEqual([])
  })

  it('ticket metrics list: cursor pages of 100, archived and deleted tickets left out', async () => {
    const first = await get(sandbox, '/api/v2/ticket_metrics.json?page[size]=100')
    expect(check(validatorFor('TicketMetricsResponse'), first.body)).toEqual([])
    expect(first.body.ticket_metrics.length).toBe(100)
    const ids = new Set<number>()
    let next: string | null = '/api/v2/ticket_metrics.json?page[size]=100'
    while (next) {
      const page = await get(sandbox, next.replace(/^https?:\/\/[^/]+/, ''))
      for (const m of page.body.ticket_metrics as { ticket_id: number }[]) ids.add(m.ticket_id)
      next = page.body.links.next
    }
    const now = sandbox.state.now()
    const listed = [...sandbox.state.account.tickets.values()].filter(
      (t) => t.status !== 'deleted' && !isArchived(t, now),
    )
    expect(ids.size).toBe(listed.length)
    expect(listed.length).toBeLessThan(sandbox.state.account.tickets.size)
    expect((await get(sandbox, '/api/v2/ticket_metrics.json?page[size]=101')).status).toBe(400)
  })

  it('catches a broken record (the validation is not vacuous)', async () => {
    sandbox.faults.injectMalformed('tickets', 'bad_id')
    const { body } = await get(
      sandbox,
      '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5',
    )
    expect(check(validatorFor('CursorBasedExportIncrementalTicketsResponse'), body).join()).toMatch(
      /id must be integer/,
    )
  })
})

describe('survey responses validate against a schema written from the "CSAT survey responses" page', () => {
  it('list pages', async () => {
    let after: string | null = null
    for (let page = 0; page < 5; page++) {
      const res: Awaited<ReturnType<typeof get>> = await get(
        sandbox,
        `/api/v2/guide/survey_responses?page[size]=50${after ? `&page[after]=${after}` : ''}`,
      )
      expect(check(ajv.getSchema('survey-responses-list')!, res.body)).toEqual([])
      after = res.body.meta.after_cursor
    }
  })

  it('show, with the scale options', async () => {
    for (const r of [...sandbox.state.account.surveyResponses.values()].slice(0, 40)) {
      const { body } = await get(sandbox, `/api/v2/guide/en-us/survey_responses/${r.id}`)
      expect(check(ajv.getSchema('survey-response-show')!, body)).toEqual([])
    }
  })
})
