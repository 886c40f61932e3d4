import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, type Browser } from './chromium.ts'
import { CONSOLE_ADMIN_TOKEN, startConsoleStack, type ConsoleStack } from './console-stack.ts'

/**
 * The admin console in Chromium against a worker under wrangler syncing the Zendesk sandbox:
 * sign in, change a schedule, start a backfill and watch its figures grow until it ends.
 */
let stack: ConsoleStack
let browser: Browser

beforeAll(async () => {
  stack = await startConsoleStack()
  browser = await launchChromium()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

interface RunRecord {
  runId: number
  trigger: string
  outcome: string
  streams: Array<{ stream: string; records: number; pages: number }>
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${stack.workerUrl}/admin?lang=en`)
  await page.fill('input[name="token"]', token)
  await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')])
}

describe('admin console', () => {
  it('signs in with the admin token into an HttpOnly cookie, never into page storage', async () => {
    const page = await browser.page({ width: 1280 })
    await signIn(page, 'wrong-token-0123456789')
    expect(await page.locator('.cx-error[role="alert"]').textContent()).toContain(
      'not this deployment’s admin token',
    )
    const cookies = await page.context().cookies()
    expect(cookies.filter((c) => c.name === 'cxlens_admin')).toEqual([])

    await signIn(page, CONSOLE_ADMIN_TOKEN)
    await page.waitForSelector(`a[data-tenant="${stack.tenantId}"]`)
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'cxlens_admin')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' })
    const storage = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
      html: document.documentElement.outerHTML,
    }))
    for (const place of Object.values(storage)) expect(place).not.toContain(CONSOLE_ADMIN_TOKEN)
  })

  it('changes a schedule, starts a backfill and watches it progress to the end', async () => {
    const page = await browser.page({ width: 1280 })
    await signIn(page, CONSOLE_ADMIN_TOKEN)
    const { tenantId, connectionId } = stack
    const row = page.locator(`tr[data-connection="${connectionId}"]`)
    await row.waitFor()
    expect(await row.locator('[data-field="schedule"]').textContent()).toBe('every 5 min')
    await row.locator('a[data-action="open"]').click()
    const detail = page.locator(`.cx-detail[data-connection="${connectionId}"]`)
    await detail.waitFor()

    // The schedule: 45 minutes, saved through the API and shown back.
    const schedule = page.locator('form[data-form="schedule"]')
    await schedule.locator('input[name="everyMinutes"]').fill('45')
    await schedule.locator('button[type="submit"]').click()
    await detail.locator('dd[data-field="schedule"]', { hasText: 'every 45 min' }).waitFor()
    const status = await stack.admin<{ schedule: unknown }>(
      'GET',
      `/tenants/${tenantId}/connections/${connectionId}/status`,
    )
    expect(status.schedule).toEqual({ everyMinutes: 45 })

    // The backfill: watched from the live panel, one reading every 250 ms until the run ends.
    const since = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10)
    await page.locator('form[data-form="backfill"] input[name="since"]').fill(since)
    await page.locator('form[data-form="backfill"] button[type="submit"]').click()
    const live = page.locator('.cx-live')
    await page.locator('.cx-live dd[data-field="trigger"][data-value="backfill"]').waitFor()
    const runId = Number(await live.getAttribute('data-run'))
    expect(runId).toBeGreaterThan(1)

    const readings: Array<{ records: number; pages: number }> = []
    const deadline = Date.now() + 120_000
    while ((await live.getAttribute('data-run')) === String(runId)) {
      const cells = await live.locator('tbody tr').evaluateAll((rows) =>
        rows.map((r) => ({
          records: Number(r.querySelector('[data-field="records"]')?.getAttribute('data-value')),
          pages: Number(r.querySelector('[data-field="pages"]')?.getAttribute('data-value')),
        })),
      )
      const total = cells.reduce(
        (sum, c) => ({ records: sum.records + c.records, pages: sum.pages + c.pages }),
        { records: 0, pages: 0 },
      )
      if (readings.at(-1)?.records !== total.records) readings.push(total)
      if (readings.length === 2) await screenshot(page, 'console-backfill-live-en')
      expect(Date.now(), 'the backfill did not end in 2 minutes').toBeLessThan(deadline)
      await page.waitForTimeout(250)
    }
    // The figures grew while the run went on, never backwards.
    expect(readings.length).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < readings.length; i++) {
      expect(readings[i]!.records).toBeGreaterThan(readings[i - 1]!.records)
      expect(readings[i]!.pages).toBeGreaterThanOrEqual(readings[i - 1]!.pages)
    }

    // The run ended: it is in the history table and in both charts, as the API records it.
    const { runs } = await stack.admin<{ runs: RunRecord[] }>(
      'GET',
      `/tenants/${tenantId}/connections/${connectionId}/runs`,
    )
    const run = runs.find((r) => r.runId === runId)!
    expect(run).toMatchObject({ trigger: 'backfill', outcome: 'succeeded' })
    const records = run.streams.reduce((n, s) => n + s.records, 0)
    // Everything the sandbox changed since the date, at least its tickets, came through again.
    expect(records).toBeGreaterThanOrEqual(stack.sandbox.sandbox.groundTruth().tickets.length)
    expect(readings.at(-1)!.records).toBeLessThanOrEqual(records)
    await page
      .locator(`table[data-table="runs"] tr[data-run="${runId}"][data-outcome="succeeded"]`)
      .waitFor()
    for (const chart of ['records', 'waits']) {
      const figure = page.locator(`figure[data-chart="${chart}"]`)
      await page.waitForFunction(
        ([selector, id]) =>
          document.querySelector(selector!)?.getAttribute('data-runs')?.split(',').includes(id!),
        [`figure[data-chart="${chart}"]`, String(runId)],
      )
      expect(await figure.locator('canvas').count()).toBe(1)
    }
    await screenshot(page, 'console-backfill-done-en')
  })

  it('speaks French when asked', async () => {
    const page = await browser.page({ width: 1280, locale: 'fr-FR' })
    await page.goto(`${stack.workerUrl}/admin`)
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    await page.fill('input[name="token"]', CONSOLE_ADMIN_TOKEN)
    await page.click('button[type="submit"]')
    await page.goto(`${stack.workerUrl}/admin#/${stack.tenantId}/${stack.connectionId}`)
    await page.locator('h3', { hasText: 'Historique des exécutions' }).waitFor()
    await page.locator('figure[data-chart="records"] canvas').waitFor()
    const outcome = page.locator(
      'table[data-table="runs"] tr[data-outcome="succeeded"] .cx-outcome',
    )
    expect(await outcome.first().textContent()).toBe('réussie')
    await screenshot(page, 'console-connection-fr')
  })

  it('shows each connection’s lifecycle: active, or uninstalled with its data deletion date', async () => {
    const { tenantId, connectionId } = stack
    const other = await stack.admin<{ id: string }>('POST', `/tenants/${tenantId}/connections`, {
      // The sandbox's host under another account name: its first sync never leaves the machine.
      source: 'zendesk',
      baseUrl: stack.sandbox.url,
      account: 'console-uninstalled',
      auth: { kind: 'api_token', email: 'ops@example.com', token: 'unused-token-0123' },
    })
    const { lifecycle } = await stack.admin<{ lifecycle: { purgeAfter: string } }>(
      'POST',
      `/tenants/${tenantId}/connections/${other.id}/uninstall`,
    )
    for (const [lang, deleted] of [
      ['en', 'uninstalled: data deleted'],
      ['fr', 'désinstallée : données supprimées le'],
    ] as const) {
      const page = await browser.page({ width: 1280 })
      await page.goto(`${stack.workerUrl}/admin?lang=${lang}`)
      await page.fill('input[name="token"]', CONSOLE_ADMIN_TOKEN)
      await page.click('button[type="submit"]')
      await page.goto(`${stack.workerUrl}/admin?lang=${lang}#/${tenantId}`)
      const cell = (id: string) => page.locator(`tr[data-connection="${id}"] [data-lifecycle]`)
      await cell(other.id).waitFor()
      expect(await cell(connectionId).getAttribute('data-lifecycle')).toBe('active')
      expect(await cell(other.id).getAttribute('data-lifecycle')).toBe('uninstalled')
      const text = (await cell(other.id).textContent()) ?? ''
      expect(text).toContain(deleted)
      // The date in the page's language: the year of the deletion date is in it.
      expect(text).toContain(lifecycle.purgeAfter.slice(2, 4))
      await screenshot(page, `console-lifecycle-${lang}`)
    }
  })
})
