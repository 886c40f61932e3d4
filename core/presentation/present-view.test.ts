import { describe, expect, it } from 'vitest'
import { CustomerView } from '../model/index.ts'
import { detractorView, FIXTURE_NOW, focusedView, quietView } from './fixtures.ts'
import { presentView } from './present-view.ts'

const en = (view: CustomerView) =>
  presentView(view, { locale: 'en-US', now: FIXTURE_NOW, timeZone: 'UTC' })
const fr = (view: CustomerView) =>
  presentView(view, { locale: 'fr-FR', now: FIXTURE_NOW, timeZone: 'UTC' })

describe('presentView', () => {
  it('uses fixtures the model accepts', () => {
    expect(CustomerView.safeParse(detractorView).success).toBe(true)
    expect(CustomerView.safeParse(quietView).success).toBe(true)
  })

  it('names the customer, the organisation and each identity with its link', () => {
    const { header } = en(detractorView)
    expect(header.name).toBe('Marie Dupont')
    expect(header.organisation).toBe('Boulangerie Dupont')
    expect(header.identities.map((i) => i.label)).toEqual([
      'Zendesk user #501',
      'HubSpot contact #9001',
    ])
    expect(header.identities[0]!.url).toBe('https://acme.zendesk.com/agent/users/501')
  })

  it('says the NPS category in words with the score, and the trend', () => {
    const { nps } = en(detractorView)
    expect(nps.now?.text).toBe('Detractor · 3/10')
    expect(nps.now?.answered).toBe('answered 3 days ago')
    expect(nps.trend).toMatchObject({ direction: 'down', text: 'down 3 since the previous answer' })
    expect(nps.empty).toBeNull()
  })

  it('charts one point per NPS answer, oldest first, inside the three bands', () => {
    const { chart } = en(detractorView).nps
    expect(chart.points.map((p) => [p.y, p.category])).toEqual([
      [9, 'promoter'],
      [8, 'passive'],
      [6, 'detractor'],
      [3, 'detractor'],
    ])
    expect(chart.bands.map((b) => [b.category, b.from, b.to])).toEqual([
      ['promoter', 9, 10],
      ['passive', 7, 8],
      ['detractor', 0, 6],
    ])
    expect(chart.xMin).toBe(chart.points[0]!.x)
    expect(chart.xMax).toBe(chart.points[3]!.x)
    expect(chart.points[3]!.label).toBe(
      'Nov 22, 2026: 3/10, Detractor — “Nobody answers my emails”',
    )
    expect(chart.label).toBe('NPS history, 4 answers')
  })

  it('orders friction open first, then by severity, then newest', () => {
    const items = en(detractorView).friction.items
    expect(items.map((i) => [i.kind, i.open, i.severity])).toEqual([
      ['waiting_too_long', true, 'critical'],
      ['nps_detractor', true, 'high'],
      ['nps_drop', true, 'high'],
      ['low_csat', false, 'medium'],
    ])
    expect(en(detractorView).friction.openCountText).toBe('3 open')
  })

  it('writes each friction reason from kind and params, with relative since and evidence', () => {
    const [waiting, detractor, drop, low] = en(detractorView).friction.items
    expect(waiting!.reason).toBe('Has been waiting on us for 4 days on an open ticket')
    expect(waiting!.sinceText).toBe('started 4 days ago')
    expect(detractor!.reason).toBe('Gave an NPS of 3/10')
    expect(detractor!.evidence.map((e) => e.label)).toEqual([
      'HubSpot survey answer #f4',
      'Zendesk ticket #1001',
    ])
    expect(drop!.reason).toBe('NPS fell from 6 to 3')
    expect(low!.reason).toBe('Rated 2/5 on a CSAT survey')
    expect(low!.statusLabel).toBe('Resolved')
  })

  it('summarises CSAT with its recent rate and one point per rating', () => {
    const { csat } = en(detractorView)
    expect(csat.summary).toBe('50% satisfied, 0% lately')
    expect(csat.points.map((p) => [p.y, p.categoryLabel])).toEqual([
      [100, 'Satisfied'],
      [25, 'Unsatisfied'],
    ])
    expect(csat.count).toBe('2 ratings')
  })

  it('lists open tickets of both tools with translated status, priority and channel', () => {
    const { tickets } = en(detractorView)
    expect(
      tickets.open.map((t) => [t.sourceLabel, t.statusLabel, t.priorityLabel, t.channelLabel]),
    ).toEqual([
      ['Zendesk', 'Open', 'Urgent', 'Email'],
      ['HubSpot', 'Pending', 'No priority', 'Chat'],
    ])
    expect(tickets.open[0]!.opened).toBe('opened 5 days ago')
    expect(tickets.more).toBe('5 more tickets in history')
  })

  it('flags a source synced more than a day ago', () => {
    const { freshness } = en(detractorView)
    expect(freshness.items.map((i) => i.stale)).toEqual([false, true])
    expect(freshness.items[1]!.text).toBe('HubSpot (4242) synced 2 days ago')
    expect(freshness.staleWarning).toBe('Some data is more than a day old.')
  })

  it('gives empty-state texts for a customer with no survey, friction or ticket', () => {
    const model = en(quietView)
    expect(model.nps.empty).toEqual({
      title: 'No survey yet',
      hint: 'This customer has not answered an NPS survey.',
    })
    expect(model.nps.now).toBeNull()
    expect(model.nps.chart.points).toEqual([])
    expect(model.csat.empty).toBe('No satisfaction rating yet')
    expect(model.friction.empty).toMatch(/No friction point/)
    expect(model.tickets.empty).toBe('No open ticket in any tool.')
    expect(model.tickets.more).toBeNull()
  })

  it('speaks French to a French agent', () => {
    const model = fr(detractorView)
    expect(model.locale).toBe('fr')
    expect(model.nps.now?.text).toBe('Détracteur · 3/10')
    expect(model.nps.now?.answered).toBe('répondu il y a 3 jours')
    expect(model.friction.items[0]!.reason).toBe(
      'Attend notre réponse depuis 4 jours sur un ticket ouvert',
    )
    expect(model.friction.items[0]!.severityLabel).toBe('Critique')
    expect(model.friction.items[0]!.sinceText).toBe('apparu il y a 4 jours')
    expect(model.csat.summary).toBe('50 % de satisfaction, 0 % récemment')
    expect(model.tickets.open[1]!.statusLabel).toBe('En attente')
    expect(fr(quietView).nps.empty?.title).toBe('Aucune enquête pour l’instant')
  })

  it('falls back to English for an unsupported locale', () => {
    expect(presentView(quietView, { locale: 'de-DE', now: FIXTURE_NOW }).locale).toBe('en')
  })
})

describe('presentView: focus and verbatims', () => {
  const model = (view: CustomerView, locale = 'en') =>
    presentView(view, { locale, now: FIXTURE_NOW, timeZone: 'Europe/Paris' })

  it('shows the top 3 groups with a why and a next step, the rest behind "N more"', () => {
    expect(CustomerView.safeParse(focusedView).success).toBe(true)
    const { focus } = model(focusedView)
    expect(focus.top.map((i) => i.title)).toEqual([
      'Refund still missing',
      'Order 1 missing',
      'NPS detractor', // no ticket: its kind
    ])
    expect(focus.top[0]).toMatchObject({
      severityLabel: 'Critical',
      why: 'Has been waiting on us for 4 days on an open ticket',
      also: 'Also: NPS detractor, NPS drop',
      meta: '3 tickets · last activity yesterday',
      nextStep: {
        action: 'answer_waiting',
        text: 'Answer Zendesk ticket #1001 today: the customer is waiting on us',
        ticket: { label: 'Zendesk ticket #1001' },
        before: 'Answer ',
        after: ' today: the customer is waiting on us',
      },
    })
    expect(focus.top[0]!.evidence.map((e) => e.label)).toEqual([
      'Zendesk ticket #1001',
      'HubSpot survey answer #f4',
      'Zendesk ticket #998',
    ])
    expect(focus.top[2]!.nextStep).toEqual({
      action: 'close_nps_loop',
      text: 'Call the customer to close the loop on their NPS answer',
      ticket: null,
      before: 'Call the customer to close the loop on their NPS answer',
      after: '',
    })
    expect(focus.more).toHaveLength(7)
    expect(focus.moreText).toBe('9 more')
    expect(focus.beyondText).toBe('2 lower-priority groups not listed')
    expect(focus.agedOutText).toBe('7 older open points left out: no activity for a while')
    expect(focus.risk).toEqual({
      level: 'at_risk',
      label: 'At risk',
      title: 'Customer risk: At risk',
      reasons: ['1 critical problem open', 'NPS fell from 6 to 3'],
    })
  })

  it('speaks French', () => {
    const { focus, verbatims } = model(focusedView, 'fr-FR')
    expect(focus.title).toBe('À traiter en priorité')
    expect(focus.risk?.label).toBe('À risque')
    expect(focus.moreText).toBe('9 autres')
    expect(focus.top[1]!.nextStep.text).toBe(
      'Prendre en main Zendesk ticket n° 2001, escaladé, et donner une date au client',
    )
    expect(verbatims.items[0]!.themes.map((t) => t.label)).toEqual(['Facturation', 'Non résolu'])
  })

  it('lists verbatims with their score, themes and language, and counts the rest', () => {
    const { verbatims } = model(focusedView)
    expect(verbatims.items).toEqual([
      expect.objectContaining({
        scoreText: 'NPS 3/10',
        category: 'Detractor',
        comment: 'Facturé deux fois et toujours pas remboursé',
        language: 'fr',
        themes: [
          { theme: 'billing', label: 'Billing' },
          { theme: 'unresolved', label: 'Not resolved' },
        ],
      }),
    ])
    expect(verbatims.more).toBe('2 more comments in history')
    expect(model(quietView).verbatims.empty).toBe('No comment from an unhappy answer.')
  })

  it('falls back to one group per open point for a view stored before focus existed', () => {
    const { focus } = model(detractorView)
    expect(focus.risk).toBeNull()
    expect(focus.top.map((i) => [i.severity, i.nextStep.action])).toEqual([
      ['critical', 'answer_waiting'],
      ['high', 'close_nps_loop'],
      ['high', 'close_nps_loop'],
    ])
    expect(focus.moreText).toBeNull()
    expect(model(quietView).focus.empty).toBe(
      'Nothing to act on: no open friction with recent activity.',
    )
  })
})
