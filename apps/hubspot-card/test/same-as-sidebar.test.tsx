import { Button, hubspot, LoadingSpinner } from '@hubspot/ui-extensions'
import { createRenderer } from '@hubspot/ui-extensions/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CustomerView } from '../../../core/model/index.ts'
import {
  detractorView,
  FIXTURE_NOW,
  focusedView,
  quietView,
} from '../../../core/presentation/fixtures.ts'
// The module the Zendesk sidebar renders from, imported from core itself (not the card's staged files).
import { presentView, type DisplayModel } from '../../../core/presentation/index.ts'
import { CustomerCard } from '../src/app/cards/CustomerCard.tsx'
import { json, textOf } from './render-helpers.ts'

/** Every customer text of the presented model that the card shows. */
function shownStrings(model: DisplayModel): string[] {
  const { header, nps, csat, friction, tickets, freshness, strings, focus, verbatims } = model
  return [
    header.name,
    header.organisation,
    ...header.emails,
    ...header.phones,
    ...header.identities.map((l) => l.label),
    strings.identities,
    nps.title,
    nps.now?.categoryLabel,
    nps.now?.text,
    nps.now?.answered,
    nps.trend?.text,
    nps.now ? nps.chart.label : null,
    nps.empty?.title,
    nps.empty?.hint,
    csat.title,
    csat.summary,
    csat.empty ?? csat.count,
    friction.title,
    friction.openCountText,
    friction.empty,
    ...friction.items.flatMap((i) => [
      i.kindLabel,
      i.severityLabel,
      i.statusLabel,
      i.sinceText,
      i.reason,
      ...i.evidence.map((l) => l.label),
    ]),
    ...(friction.items.length > 0 ? [strings.evidence] : []),
    // What to act on first (the sidebar's focus-section): risk, the top 3 groups, "N more".
    focus.title,
    focus.risk?.title,
    focus.risk?.label,
    ...(focus.risk?.reasons ?? []),
    focus.empty,
    focus.moreText,
    focus.agedOutText,
    ...focus.top.flatMap(focusTexts),
    ...(focus.top.length > 0 ? [strings.nextStep] : []),
    // Unhappy customers' words with their themes (the sidebar's verbatims-section).
    ...(verbatims.empty
      ? []
      : [
          verbatims.title,
          verbatims.more,
          ...verbatims.items.flatMap((v) => [
            v.comment,
            v.scoreText,
            v.category,
            v.date,
            v.link.label,
            ...v.themes.map((t) => t.label),
          ]),
          ...(verbatims.items.some((v) => v.themes.length > 0) ? [verbatims.themesLabel] : []),
        ]),
    tickets.title,
    tickets.empty,
    tickets.more,
    ...tickets.open.flatMap((t) => [
      t.subject,
      t.link.label,
      t.sourceLabel,
      t.statusLabel,
      t.priorityLabel,
      t.channelLabel,
      t.updated,
    ]),
    freshness.title,
    freshness.staleWarning,
    freshness.empty,
    ...freshness.items.map((f) => f.text),
  ].filter((s): s is string => typeof s === 'string' && s.length > 0)
}

/** One friction group's texts as the sidebar shows them. */
function focusTexts(item: DisplayModel['focus']['top'][number]): (string | null)[] {
  return [
    item.severityLabel,
    item.title,
    item.why,
    item.also,
    item.meta,
    ...(item.nextStep.ticket
      ? [item.nextStep.before, item.nextStep.ticket.label, item.nextStep.after]
      : [item.nextStep.text]),
    ...item.evidence.map((l) => l.label),
  ]
}

afterEach(() => {
  vi.restoreAllMocks()
})

async function renderCard(view: CustomerView, locale: string) {
  vi.spyOn(hubspot, 'fetch').mockImplementation(async () => json(view))
  const card = createRenderer('crm.record.sidebar')
  card.render(
    <CustomerCard
      context={{
        crm: { objectId: 9001, objectTypeId: '0-1' },
        user: { locale },
        portal: { timezone: 'Europe/Paris' },
      }}
      now={() => FIXTURE_NOW}
    />,
  )
  await card.waitFor(() => expect(card.maybeFind(LoadingSpinner)).toBeNull())
  return card
}

async function renderedText(view: CustomerView, locale: string): Promise<string> {
  return textOf((await renderCard(view, locale)).getRootNode())
}

describe('the HubSpot card and the Zendesk sidebar show the same customer', () => {
  const cases = [
    { name: 'detractor, English', view: detractorView, locale: 'en-us' },
    { name: 'detractor, French', view: detractorView, locale: 'fr-fr' },
    { name: 'quiet customer, English', view: quietView, locale: 'en' },
    { name: 'quiet customer, French', view: quietView, locale: 'fr' },
    { name: 'focus and verbatims, English', view: focusedView, locale: 'en' },
    { name: 'focus and verbatims, French', view: focusedView, locale: 'fr-fr' },
  ]
  for (const { name, view, locale } of cases) {
    it(`renders every string of the shared presented model (${name})`, async () => {
      const model = presentView(view, { locale, now: FIXTURE_NOW, timeZone: 'Europe/Paris' })
      const text = await renderedText(view, locale)
      const expected = shownStrings(model)
      expect(expected.length).toBeGreaterThan(15)
      expect(expected.filter((s) => !text.includes(s))).toEqual([])
    })
  }

  it('speaks French to a French agent (the locale reaches the shared module)', async () => {
    const text = await renderedText(detractorView, 'fr-fr')
    const english = shownStrings(
      presentView(detractorView, { locale: 'en', now: FIXTURE_NOW, timeZone: 'Europe/Paris' }),
    )
    const french = shownStrings(
      presentView(detractorView, { locale: 'fr', now: FIXTURE_NOW, timeZone: 'Europe/Paris' }),
    )
    // Not part of any French string either ('Urgent' is inside 'Urgente').
    const englishOnly = english.filter((s) => !french.some((f) => f.includes(s)))
    expect(englishOnly.length).toBeGreaterThan(5)
    expect(englishOnly.filter((s) => text.includes(s))).toEqual([])
  })

  it('shows the groups past the top 3 behind "N more", as the sidebar does', async () => {
    const model = presentView(focusedView, {
      locale: 'en',
      now: FIXTURE_NOW,
      timeZone: 'Europe/Paris',
    })
    expect(model.focus.more.length).toBeGreaterThan(0)
    const card = await renderCard(focusedView, 'en')
    const hidden = model.focus.more
      .map((item) => item.why)
      .filter((why) => !model.focus.top.some((t) => t.why === why))
    const before = textOf(card.getRootNode())
    expect(hidden.filter((why) => before.includes(why))).toEqual([])
    const more = card.findAll(Button).find((b) => textOf(b) === model.focus.moreText)!
    more.trigger('onClick')
    const after = textOf(card.getRootNode())
    expect(model.focus.more.flatMap(focusTexts).filter((s) => s && !after.includes(s))).toEqual([])
    expect(after).toContain(model.strings.less)
  })
})
