import { describe, expect, it } from 'vitest'
import { derivePendingSlice } from '../../../core/sync/derive.ts'
import type { TenantStore, VerbatimEntry } from '../../../core/store/index.ts'
import { themesOf } from '../../../core/verbatims/index.ts'
import { createWorld, letChangesSettle, openStore, syncAll, type World } from './harness.ts'

type SurveyType = 'NPS' | 'CSAT' | 'CES'

/**
 * The HubSpot portal's live feedback submissions of one survey type, less those a privacy deletion
 * erases (by an erased contact or about one of their tickets).
 */
function keptSubmissions(world: World, type: SurveyType) {
  const truth = world.hubspot.groundTruth()
  const erased = new Set(truth.privacyDeleted)
  const erasedTicket = (ticket: string) =>
    truth.associations('tickets', ticket, 'contacts').some((c) => erased.has(c))
  return truth.live.feedback_submissions
    .map((id) => ({ id, props: truth.record('feedback_submissions', id)!.properties }))
    .filter(({ id, props }) => {
      if (props.hs_survey_type !== type) return false
      if (truth.associations('feedback_submissions', id, 'contacts').some((c) => erased.has(c))) {
        return false
      }
      return !truth.associations('feedback_submissions', id, 'tickets').some(erasedTicket)
    })
}

/** Per month from the HubSpot portal itself: its kept submissions by side of their scale. */
function truthByMonth(world: World, type: SurveyType) {
  const months = new Map<string, { good: number; middle: number; bad: number }>()
  for (const { props } of keptSubmissions(world, type)) {
    const month = props.hs_submission_timestamp!.slice(0, 7)
    const value = Number(props.hs_value)
    const row = months.get(month) ?? { good: 0, middle: 0, bad: 0 }
    // NPS: 9–10 promoters, 7–8 passives. CSAT: the portal's own group. CES 1–7: 5–7 easy, 4 neutral.
    const side =
      type === 'NPS'
        ? value >= 9
          ? 'good'
          : value >= 7
            ? 'middle'
            : 'bad'
        : type === 'CSAT'
          ? ({ PROMOTER: 'good', PASSIVE: 'middle', DETRACTOR: 'bad' } as const)[
              props.hs_response_group as 'PROMOTER'
            ]
          : value >= 5
            ? 'good'
            : value === 4
              ? 'middle'
              : 'bad'
    row[side]++
    months.set(month, row)
  }
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
}

/**
 * The portal's commented unhappy answers under cxlens's default marks: NPS 0–6; CSAT faces 0–2 at
 * or under half the scale (Unhappy and Neutral); CES 1–7 at or under half (1–4).
 */
function truthVerbatims(world: World) {
  const unhappy = {
    NPS: (v: number) => v <= 6,
    CSAT: (v: number) => v <= 1,
    CES: (v: number) => v <= 4,
  }
  const kinds = { NPS: 'nps', CSAT: 'csat', CES: 'ces' } as const
  return (['NPS', 'CSAT', 'CES'] as const).flatMap((type) =>
    keptSubmissions(world, type)
      .filter(
        ({ props }) => (props.hs_content ?? '').trim() && unhappy[type](Number(props.hs_value)),
      )
      .map(({ props }) => ({
        at: new Date(props.hs_submission_timestamp!).toISOString(),
        kind: kinds[type],
        score: Number(props.hs_value),
        comment: props.hs_content!.trim(),
      })),
  )
}

/** Every verbatim of the board, page after page (the route's largest page). */
function allVerbatims(store: TenantStore, query: Parameters<TenantStore['verbatimsDashboard']>[0]) {
  const items: VerbatimEntry[] = []
  for (;;) {
    const page = store.verbatimsDashboard({ ...query, limit: 100, offset: items.length })
    items.push(...page.items)
    if (page.items.length < 100) return { items, total: page.total, themes: page.themes }
  }
}

const byText = (a: { at: string; comment: string }, b: { at: string; comment: string }) =>
  a.at.localeCompare(b.at) || a.comment.localeCompare(b.comment)

async function syncedWorld() {
  const world = createWorld({ seed: 11 })
  const store = openStore(world)
  await syncAll(world, store)
  letChangesSettle(world)
  await syncAll(world, store)
  while (derivePendingSlice(store, { now: world.clock.now() }).remaining > 0);
  return { world, store }
}

describe('CX dashboards against the sandboxes’ ground truth', () => {
  it('NPS per month is % promoters − % detractors of the portal’s answers that month', async () => {
    const { world, store } = await syncedWorld()
    const expected = truthByMonth(world, 'NPS').map(([month, t]) => {
      const answers = t.good + t.middle + t.bad
      const score = Math.round(((t.good - t.bad) / answers) * 1000) / 10
      return { month, score, promoters: t.good, passives: t.middle, detractors: t.bad, answers }
    })
    expect(expected.length).toBeGreaterThan(6)
    expect(store.npsDashboard({ source: 'hubspot' }).months).toEqual(expected)
    // Zendesk sends no NPS: the unfiltered dashboard is the same, a Zendesk-only one is empty.
    expect(store.npsDashboard().months).toEqual(expected)
    expect(store.npsDashboard({ source: 'zendesk' }).months).toEqual([])
    // A period keeps exactly its months.
    const [from, to] = [expected[2]!.month, expected[4]!.month]
    expect(store.npsDashboard({ from, to }).months).toEqual(expected.slice(2, 5))
  })

  it('HubSpot CSAT and CES per month count each answer once, on the right side of its scale', async () => {
    const { world, store } = await syncedWorld()
    for (const [type, read] of [
      ['CSAT', () => store.csatDashboard({ source: 'hubspot' })],
      ['CES', () => store.cesDashboard({ source: 'hubspot' })],
    ] as const) {
      const expected = truthByMonth(world, type).map(([month, t]) => ({
        month,
        satisfied: t.good,
        neutral: t.middle,
        unsatisfied: t.bad,
        answers: t.good + t.middle + t.bad,
      }))
      expect(expected.length).toBeGreaterThan(3)
      expect(
        read().months.map(({ month, satisfied, neutral, unsatisfied, answers }) => ({
          month,
          satisfied,
          neutral,
          unsatisfied,
          answers,
        })),
      ).toEqual(expected)
    }
  })

  it('HubSpot verbatims are the portal’s commented unhappy answers, newest first, themed', async () => {
    const { world, store } = await syncedWorld()
    const expected = truthVerbatims(world).sort(byText)
    expect(expected.length).toBeGreaterThan(10)
    expect(new Set(expected.map((v) => v.kind)).size).toBeGreaterThan(1)
    const board = allVerbatims(store, { source: 'hubspot' })
    expect(board.total).toBe(expected.length)
    expect(board.items.map((v) => v.at)).toEqual(
      board.items
        .map((v) => v.at)
        .sort()
        .reverse(),
    )
    const read = board.items.map(({ at, kind, score, comment }) => ({ at, kind, score, comment }))
    expect(read.sort(byText)).toEqual(expected)
    // Theme counts: each expected comment's themes, counted.
    const counts = new Map<string, number>()
    for (const v of expected)
      for (const theme of themesOf(v.comment).themes)
        counts.set(theme, (counts.get(theme) ?? 0) + 1)
    expect(Object.fromEntries(board.themes.map((t) => [t.theme, t.count]))).toEqual(
      Object.fromEntries(counts),
    )
    expect(board.items.some((v) => v.language === 'fr')).toBe(true)
    expect(board.items.some((v) => v.language === 'en')).toBe(true)
    // A period keeps exactly its answers.
    const months = [...new Set(expected.map((v) => v.at.slice(0, 7)))].sort()
    const [from, to] = [months[2]!, months[5]!]
    const inPeriod = expected.filter((v) => v.at.slice(0, 7) >= from && v.at.slice(0, 7) <= to)
    expect(allVerbatims(store, { source: 'hubspot', from, to }).total).toBe(inPeriod.length)
  })

  it('stays equal to the truth as answers change, contacts merge and are erased (incrementally)', async () => {
    const { world, store } = await syncedWorld()
    const truth = world.hubspot.groundTruth()
    const nps = truth.live.feedback_submissions.filter(
      (id) => truth.record('feedback_submissions', id)!.properties.hs_survey_type === 'NPS',
    )
    // A promoter turned detractor, an erased respondent, two contacts merged.
    world.hubspot.mutate.update('feedback_submissions', nps[0]!, { hs_value: '2' })
    const [erasedBy] = truth.associations('feedback_submissions', nps[5]!, 'contacts')
    world.hubspot.mutate.privacyDelete(erasedBy!)
    const [a] = truth.associations('feedback_submissions', nps[10]!, 'contacts')
    const [b] = truth.associations('feedback_submissions', nps[20]!, 'contacts')
    if (a !== b) world.hubspot.mutate.merge(a!, b!)
    letChangesSettle(world)
    await syncAll(world, store, ['hubspot'])
    letChangesSettle(world)
    await syncAll(world, store, ['hubspot'])
    while (derivePendingSlice(store, { now: world.clock.now() }).remaining > 0);

    const expected = truthByMonth(world, 'NPS').map(([month, t]) => ({
      month,
      promoters: t.good,
      passives: t.middle,
      detractors: t.bad,
    }))
    const read = store.npsDashboard().months.map(({ month, promoters, passives, detractors }) => ({
      month,
      promoters,
      passives,
      detractors,
    }))
    expect(read).toEqual(expected)
    const verbatims = allVerbatims(store, { source: 'hubspot' }).items
    expect(
      verbatims.map(({ at, kind, score, comment }) => ({ at, kind, score, comment })).sort(byText),
    ).toEqual(truthVerbatims(world).sort(byText))
  })
})
