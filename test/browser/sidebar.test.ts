import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, type Browser } from './chromium.ts'
import { startFixtureServer, type FixtureServer } from './fixture-server.ts'

/**
 * The sidebar in Chromium at 320 px, through the worker's real /preview page and ZAF JWT check,
 * over hand-written customer views (see fixture-server.ts).
 */
let server: FixtureServer
let browser: Browser

beforeAll(async () => {
  server = await startFixtureServer()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openSidebar(query: Record<string, string>): Promise<Page> {
  const page = await browser.page()
  await page.goto(`${server.url}/preview/frame?${new URLSearchParams(query)}`)
  await page.waitForSelector('.cx:not([data-state="loading"])')
  return page
}

describe('zendesk sidebar (fixture views)', () => {
  it('shows a detractor: NPS in words, one chart point per answer, open friction first', async () => {
    const page = await openSidebar({ user: '501' })
    expect(await page.locator('.cx').getAttribute('data-state')).toBe('ready')
    expect(await page.locator('.cx-name').textContent()).toBe('Marie Dupont')
    expect(await page.locator('.cx-nps-now .cx-badge').textContent()).toBe('Detractor · 3/10')
    expect(await page.locator('svg[data-chart="nps"] [data-point]').count()).toBe(4)
    expect(await page.locator('svg[data-chart="nps"] .cx-band').count()).toBe(3)
    const kinds = await page
      .locator('.cx-friction-item')
      .evaluateAll((items) =>
        items.map((li) => [li.getAttribute('data-kind'), li.getAttribute('data-open')]),
      )
    expect(kinds).toEqual([
      ['waiting_too_long', 'true'],
      ['nps_detractor', 'true'],
      ['nps_drop', 'true'],
      ['low_csat', 'false'],
    ])
    expect(await page.locator('.cx-friction-item').first().textContent()).toContain('Critical')
    expect(await page.locator('.cx-tickets li').count()).toBe(2)
    expect(server.lookups.at(-1)).toEqual({ user: '501', agent: '900001' })
    await screenshot(page, 'sidebar-detractor-en')
  })

  it('puts the top 3 groups first, with a why, a next step and the risk; N more expands', async () => {
    const page = await openSidebar({ user: '503' })
    const items = page.locator('.cx-focus-item')
    expect(await items.count()).toBe(3)
    expect(await page.locator('.cx-risk .cx-badge').textContent()).toContain('At risk')
    expect(await page.locator('.cx-risk-reasons li').allTextContents()).toEqual([
      '1 critical problem open',
      'NPS fell from 6 to 3',
    ])
    const first = items.first()
    expect(await first.getAttribute('data-severity')).toBe('critical')
    expect(await first.locator('.cx-why').textContent()).toBe(
      'Has been waiting on us for 4 days on an open ticket',
    )
    expect(await first.locator('.cx-next').getAttribute('data-action')).toBe('answer_waiting')
    const more = page.locator('.cx-more')
    expect(await more.textContent()).toBe('9 more')
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    await more.click()
    expect(await items.count()).toBe(10)
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    expect(await page.locator('.cx-aged-out').textContent()).toContain('7 older open points')
    expect(await page.locator('.cx-verbatim blockquote').getAttribute('lang')).toBe('fr')
    expect(await page.locator('.cx-verbatim .cx-theme').allTextContents()).toEqual([
      'Billing',
      'Not resolved',
    ])
    // The full list stays one click away, folded.
    expect(await page.locator('.cx-all-friction').getAttribute('open')).toBeNull()
    await screenshot(page, 'sidebar-focus-en')
  })

  it('reads at 320 px without horizontal scrolling', async () => {
    for (const user of ['501', '503']) {
      const page = await openSidebar({ user })
      await page
        .locator('.cx-more')
        .click({ timeout: 1000 })
        .catch(() => {})
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }))
      expect(widths.client, user).toBe(320)
      expect(widths.scroll, user).toBeLessThanOrEqual(320)
    }
  })

  it('reaches the chart points by keyboard and shows the comment of the focused one', async () => {
    const page = await openSidebar({ user: '501' })
    // Tab through header links until a chart point has focus.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(() => document.activeElement?.hasAttribute('data-point'))) break
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-point'))).toBe(
      'promoter',
    )
    expect(await page.locator('.cx-tip').textContent()).toContain('Great service')
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
    expect(await page.locator('.cx-tip').textContent()).toContain('Nobody answers my emails')
    await screenshot(page, 'sidebar-chart-focus')
  })

  it('opens a Zendesk ticket of this account inside Zendesk, other records in a new tab', async () => {
    const page = await openSidebar({ user: '501' })
    await page
      .locator('.cx-focus-item')
      .first()
      .getByRole('button', { name: 'Zendesk ticket #1001' })
      .first()
      .click()
    const calls = await page.evaluate(() => globalThis.__zafCalls ?? [])
    expect(calls).toContainEqual({ name: 'routeTo', args: ['ticket', '1001'] })
    const hubspot = page.locator('.cx-tickets a', { hasText: 'Refund request' })
    expect(await hubspot.getAttribute('target')).toBe('_blank')
    expect(calls.some((c) => c.name === 'resize')).toBe(true)
  })

  it('shows the empty state for a customer with no survey', async () => {
    const page = await openSidebar({ user: '502' })
    expect(await page.locator('[data-empty="nps"]').textContent()).toContain('No survey yet')
    expect(await page.locator('svg[data-chart="nps"]').count()).toBe(0)
    // No friction: the prioritised section up front says so (the full list stays folded below).
    expect(await page.locator('[data-empty="focus"]').isVisible()).toBe(true)
    await screenshot(page, 'sidebar-no-survey')
  })

  it('speaks French to a French agent', async () => {
    const page = await openSidebar({ user: '501', locale: 'fr' })
    expect(await page.locator('.cx').getAttribute('lang')).toBe('fr')
    expect(await page.locator('.cx-nps-now .cx-badge').textContent()).toBe('Détracteur · 3/10')
    expect(await page.locator('#cx-friction-title').textContent()).toContain('Points de friction')
    expect(await page.locator('.cx-friction-item').first().textContent()).toContain('Critique')
    await screenshot(page, 'sidebar-detractor-fr')
  })

  it('tells the agent what to do for a customer cxlens does not know', async () => {
    const page = await openSidebar({ user: '999' })
    expect(await page.locator('.cx').getAttribute('data-state')).toBe('unknown')
    expect(await page.locator('.cx-state-title').textContent()).toBe(
      'This customer is not in cxlens yet',
    )
  })

  it('shows the error state when the worker refuses a forged JWT', async () => {
    const before = server.lookups.length
    const page = await openSidebar({ user: '501', tamper: '1' })
    expect(await page.locator('.cx').getAttribute('data-state')).toBe('error')
    expect(await page.locator('[data-reason="auth"]').textContent()).toContain('shared secret')
    expect(server.lookups.length).toBe(before)
    await screenshot(page, 'sidebar-jwt-refused')
  })
})
