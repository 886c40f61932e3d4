import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { CustomerView } from '../../core/model/index.ts'
import { orderFriction } from '../../core/presentation/index.ts'
import { launchChromium, screenshot, type Browser } from './chromium.ts'

/**
 * End to end: Zendesk and HubSpot sandboxes → sync in the worker (wrangler, workerd) → the sidebar
 * in Chromium, its request signed like Zendesk's proxy signs it and verified by the worker's zafJwt.
 */
const stack = inject('e2e')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

async function viewOf(user: string): Promise<CustomerView> {
  const res = await fetch(
    `${stack.workerUrl}/v1/customers/lookup?zendesk_user_id=${user}&account=demo`,
    { headers: { authorization: `Bearer ${stack.apiKey}` } },
  )
  expect(res.status).toBe(200)
  return (await res.json()) as CustomerView
}

async function openSidebar(query: Record<string, string>): Promise<Page> {
  const page = await browser.page()
  await page.goto(`${stack.frameUrl}/preview/frame?${new URLSearchParams(query)}`)
  await page.waitForSelector('.cx:not([data-state="loading"])')
  return page
}

describe('zendesk sidebar end to end', () => {
  it('shows a detractor with open friction: a chart point per NPS answer, friction open first', async () => {
    const { zendeskUserId: user, customerId } = stack.customers.detractor
    const view = await viewOf(user)
    expect(view.customer.id).toBe(customerId)
    expect(view.nps.latest?.category).toBe('detractor')
    const npsAnswers = view.nps.responses.filter((r) => r.kind === 'nps').length
    expect(npsAnswers).toBeGreaterThan(0)

    const page = await openSidebar({ user })
    expect(await page.locator('.cx').getAttribute('data-state')).toBe('ready')
    expect(await page.locator('.cx-name').textContent()).toBe(view.customer.displayName)
    expect(await page.locator('.cx-nps-now .cx-badge').textContent()).toBe(
      `Detractor · ${view.nps.latest?.score}/10`,
    )
    expect(await page.locator('svg[data-chart="nps"] [data-point]').count()).toBe(npsAnswers)

    const shown = await page.locator('.cx-friction-item').evaluateAll((items) =>
      items.map((li) => ({
        kind: li.getAttribute('data-kind'),
        severity: li.getAttribute('data-severity'),
        open: li.getAttribute('data-open') === 'true',
        since: li.querySelector('time')?.getAttribute('datetime'),
      })),
    )
    const expected = orderFriction(view.friction).map(({ kind, severity, open, since }) => ({
      kind,
      severity,
      open,
      since,
    }))
    expect(shown).toEqual(expected)
    // The order itself, independently of orderFriction: open first, then by severity.
    const rank = { critical: 0, high: 1, medium: 2, low: 3 } as Record<string, number>
    for (let i = 1; i < shown.length; i++) {
      const [a, b] = [shown[i - 1]!, shown[i]!]
      expect(Number(b.open) <= Number(a.open), `item ${i} after a resolved one`).toBe(true)
      if (a.open === b.open) expect(rank[b.severity!]! >= rank[a.severity!]!).toBe(true)
    }
    expect(shown[0]?.open).toBe(true)
    expect(shown.some((f) => f.kind === 'nps_detractor' && f.open)).toBe(true)
    expect(await page.locator('.cx-bar').count()).toBe(Math.min(12, view.csat.responses.length))
    expect(await page.locator('.cx-tickets li').count()).toBe(view.tickets.open.length)
    // The ranked focus: its top 3 groups, in the view's order, the lead one first.
    const groups = await page
      .locator('.cx-focus-item')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-group')))
    expect(groups).toEqual((view.focus?.groups ?? []).slice(0, 3).map((g) => g.id))
    await screenshot(page, 'e2e-detractor-en')
  })

  it('shows the empty state for a customer who never answered a survey', async () => {
    const page = await openSidebar({ user: stack.customers.withoutSurvey })
    expect(await page.locator('[data-empty="nps"]').textContent()).toContain('No survey yet')
    expect(await page.locator('[data-empty="csat"]').isVisible()).toBe(true)
    await screenshot(page, 'e2e-no-survey')
  })

  it('follows a French agent’s locale', async () => {
    const page = await openSidebar({ user: stack.customers.detractor.zendeskUserId, locale: 'fr' })
    expect(await page.locator('#cx-friction-title').textContent()).toContain('Points de friction')
    expect(await page.locator('[data-freshness], .cx-freshness').textContent()).toContain(
      'synchronisé',
    )
    await screenshot(page, 'e2e-friction-fr')
  })

  it('is refused by the worker without a valid JWT, and the app says what to do', async () => {
    const bare = await fetch(
      `${stack.workerUrl}/v1/customers/lookup?zendesk_user_id=1&account=demo`,
    )
    expect(bare.status).toBe(401)
    expect(bare.headers.get('content-type')).toBe('application/problem+json')
    const page = await openSidebar({ user: stack.customers.detractor.zendeskUserId, tamper: '1' })
    expect(await page.locator('.cx').getAttribute('data-state')).toBe('error')
    expect(await page.locator('[data-reason="auth"]').textContent()).toContain('shared secret')
    await screenshot(page, 'e2e-jwt-refused')
  })
})
