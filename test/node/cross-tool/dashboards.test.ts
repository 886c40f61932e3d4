import { describe, expect, it } from 'vitest'
import { derivePendingSlice } from '../../../core/sync/derive.ts'
import { createWorld, letChangesSettle, openStore, syncAll, type World } from './harness.ts'

/**
 * Per month from the HubSpot portal itself: its live feedback submissions of one survey type, less
 * those a privacy deletion erases (by an erased contact or about one of their tickets).
 */
function truthByMonth(world: World, type: 'NPS' | 'CSAT' | 'CES') {
  const truth = world.hubspot.groundTruth()
  const erased = new Set(truth.privacyDeleted)
  const erasedTicket = (ticket: string) =>
    truth.associations('tickets', ticket, 'contacts').some((c) => erased.has(c))
  const months = new Map<string, { good: number; middle: number; bad: number }>()
  for (const id of truth.live.feedback_submissions) {
    const props = truth.record('feedback_submissions', id)!.properties
    if (props.hs_survey_type !== type) continue
    if (truth.associations('feedback_submissions', id, 'contacts').some((c) => erased.has(c))) {
      continue
    }
    if (truth.associations('feedback_submissions', id, 'tickets').some(erasedTicket)) continue
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
  })
})
