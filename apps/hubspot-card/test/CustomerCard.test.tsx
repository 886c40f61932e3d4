import {
  Button,
  EmptyState,
  ErrorState,
  Flex,
  hubspot,
  LineChart,
  Link,
  LoadingSpinner,
  Table,
  TableBody,
  TableRow,
  Tag,
} from '@hubspot/ui-extensions'
import { createRenderer } from '@hubspot/ui-extensions/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { detractorView, FIXTURE_NOW, quietView } from '../../../core/presentation/fixtures.ts'
import { CustomerCard, type CardContext } from '../src/app/cards/CustomerCard.tsx'
import { API_URL } from '../src/app/cards/config.ts'
import { deferred, json, problem, renderedStrings, textOf } from './render-helpers.ts'

const contactContext: CardContext = {
  crm: { objectId: 9001, objectTypeId: '0-1' },
  user: { locale: 'en-us' },
  portal: { timezone: 'UTC' },
}

function renderCard(respond: () => Promise<Response>, context = contactContext) {
  const fetch = vi.spyOn(hubspot, 'fetch').mockImplementation(respond)
  const renderer = createRenderer('crm.record.sidebar')
  renderer.render(<CustomerCard context={context} now={() => FIXTURE_NOW} />)
  return { ...renderer, fetch }
}

async function renderLoaded(view = detractorView, context = contactContext) {
  const card = renderCard(async () => json(view), context)
  await card.waitFor(() => expect(card.maybeFind(LoadingSpinner)).toBeNull())
  return card
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('CustomerCard', () => {
  it('asks cxlens for the contact through hubspot.fetch, with a timeout', async () => {
    const card = await renderLoaded()
    expect(card.fetch).toHaveBeenCalledTimes(1)
    expect(card.fetch).toHaveBeenCalledWith(
      `${API_URL}/v1/customers/lookup?hubspot_contact_id=9001`,
      { method: 'GET', timeout: 10_000 },
    )
  })

  it('looks a ticket record up by hubspot_ticket_id', async () => {
    const card = await renderLoaded(detractorView, {
      ...contactContext,
      crm: { objectId: '3003', objectTypeId: '0-5' },
    })
    expect(card.fetch.mock.calls[0]?.[0]).toBe(
      `${API_URL}/v1/customers/lookup?hubspot_ticket_id=3003`,
    )
  })

  it('shows a spinner until cxlens answers', async () => {
    const answer = deferred<Response>()
    const card = renderCard(() => answer.promise)
    expect(card.find(LoadingSpinner).props.label).toBe('Loading the customer view…')
    answer.resolve(json(detractorView))
    await card.waitFor(() => expect(card.find(LineChart)).toBeTruthy())
  })

  it('draws one chart point per NPS answer, 0–10 scores oldest first', async () => {
    const card = await renderLoaded()
    const chart = card.find(LineChart)
    const data = chart.props.data as Array<{ date: string; score: number }>
    expect(data.map((d) => d.score)).toEqual([9, 8, 6, 3])
    expect(data.map((d) => d.date)).toEqual(detractorView.nps.responses.map((r) => r.at))
    expect(chart.props.axes).toMatchObject({
      x: { field: 'date', fieldType: 'datetime' },
      y: { field: 'score', fieldType: 'linear' },
    })
  })

  it('writes the NPS category in a tag, not in colour alone', async () => {
    const card = await renderLoaded()
    const tag = card.find(Tag, (t) => t.text === 'Detractor')
    expect(tag.props.variant).toBe('error')
    expect(textOf(card.find(Flex, { testId: 'nps' }))).toContain('Detractor · 3/10')
  })

  it('lists friction points open first, then most severe, then newest, with severity tags', async () => {
    const card = await renderLoaded()
    const items = card.findAll(Flex, (f) => String(f.props.testId).startsWith('friction-item:'))
    // Written out by hand from the fixture: open critical, open high (1 day), open high (3 days), resolved.
    expect(items.map((i) => i.props.testId)).toEqual([
      'friction-item:waiting_too_long:1001',
      'friction-item:nps_detractor:f4',
      'friction-item:nps_drop:f4',
      'friction-item:low_csat:c2',
    ])
    const severities = items.map((i) => i.findAll(Tag)[0]!)
    expect(severities.map((t) => t.text)).toEqual(['Critical', 'High', 'High', 'Medium'])
    expect(severities.map((t) => t.props.variant)).toEqual(['error', 'error', 'error', 'warning'])
    expect(items.map((i) => i.findAll(Tag)[1]!.text)).toEqual(['Open', 'Open', 'Open', 'Resolved'])
    expect(textOf(items[2]!)).toContain('NPS fell from 6 to 3')
  })

  it('links each friction point to its evidence in the source tool', async () => {
    const card = await renderLoaded()
    const detractor = card.find(Flex, { testId: 'friction-item:nps_detractor:f4' })
    expect(detractor.findAll(Link).map((l) => l.props.href)).toEqual([
      { url: 'https://app.hubspot.com/contacts/4242/record/0-5/f4', external: true },
      { url: 'https://acme.zendesk.com/agent/tickets/1001', external: true },
    ])
  })

  it('puts the open tickets of both tools in a table', async () => {
    const card = await renderLoaded()
    const rows = card.find(Table).find(TableBody).findAll(TableRow)
    expect(rows).toHaveLength(2)
    expect(textOf(rows[0]!)).toContain('Invoice still wrong')
    expect(textOf(rows[0]!)).toContain('Zendesk')
    expect(textOf(rows[1]!)).toContain('Refund request')
    expect(textOf(rows[1]!)).toContain('HubSpot')
    expect(rows[0]!.find(Link).props.href).toEqual({
      url: 'https://acme.zendesk.com/agent/tickets/1001',
      external: true,
    })
    expect(textOf(card.find(Flex, { testId: 'tickets' }))).toContain('5 more tickets in history')
  })

  it('shows freshness per source', async () => {
    const card = await renderLoaded()
    const text = textOf(card.find(Flex, { testId: 'freshness' }))
    expect(text).toContain('Zendesk (acme) synced')
    expect(text).toContain('HubSpot (4242) synced')
  })

  it('shows empty states for a customer with no survey, no friction and no ticket', async () => {
    const card = await renderLoaded(quietView)
    expect(textOf(card.find(Flex, { testId: 'header' }))).toContain('Léo Martin')
    expect(card.find(EmptyState).props.title).toBe('No survey yet')
    expect(card.maybeFind(LineChart)).toBeNull()
    expect(card.maybeFind(Table)).toBeNull()
    expect(textOf(card.find(Flex, { testId: 'friction' }))).toContain('No friction point')
    expect(textOf(card.find(Flex, { testId: 'tickets' }))).toContain('No open ticket in any tool.')
  })

  it('says the customer is unknown on a 404', async () => {
    const card = renderCard(async () => problem(404))
    await card.waitFor(() => expect(card.maybeFind(LoadingSpinner)).toBeNull())
    expect(card.find(EmptyState).props.title).toBe('This customer is not in cxlens yet')
    expect(card.maybeFind(ErrorState)).toBeNull()
  })

  it('shows the server error with its status, and retries on demand', async () => {
    const answers = [problem(503), json(detractorView)]
    const card = renderCard(async () => answers.shift()!)
    await card.waitFor(() => expect(card.find(ErrorState)).toBeTruthy())
    expect(textOf(card.find(ErrorState))).toContain('cxlens answered with an error (503)')
    card.find(Button).trigger('onClick')
    await card.waitFor(() => expect(card.find(LineChart)).toBeTruthy())
    expect(card.fetch).toHaveBeenCalledTimes(2)
  })

  it('tells a network failure and a refused signature apart', async () => {
    const offline = renderCard(() => Promise.reject(new Error('timeout')))
    await offline.waitFor(() => expect(offline.find(ErrorState)).toBeTruthy())
    expect(textOf(offline.find(ErrorState))).toContain('could not be reached')
    vi.restoreAllMocks()

    const refused = renderCard(async () => problem(401))
    await refused.waitFor(() => expect(refused.find(ErrorState)).toBeTruthy())
    expect(refused.find(ErrorState).props.type).toBe('lock')
    expect(textOf(refused.find(ErrorState))).toContain('HubSpot')
  })

  it('treats a 200 that is not a customer view as a server error', async () => {
    const card = renderCard(async () => json({ hello: 'world' }))
    await card.waitFor(() => expect(card.find(ErrorState)).toBeTruthy())
    expect(textOf(card.find(ErrorState))).toContain('(200)')
  })

  it('explains which records it supports on any other object', async () => {
    const card = renderCard(async () => json(detractorView), {
      ...contactContext,
      crm: { objectId: 1, objectTypeId: '0-3' },
    })
    await card.waitFor(() => expect(card.find(ErrorState)).toBeTruthy())
    expect(card.fetch).not.toHaveBeenCalled()
    expect(textOf(card.find(ErrorState))).toContain('contact and ticket records')
    expect(card.maybeFind(Button)).toBeNull()
  })

  it('renders every string it shows from text nodes the tree really holds', async () => {
    const card = await renderLoaded()
    const strings = renderedStrings(card.getRootNode())
    expect(strings).toContain('Marie Dupont')
    expect(strings).toContain('Boulangerie Dupont')
  })
})
