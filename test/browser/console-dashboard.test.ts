import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  boardQuery,
  DEFAULT_FILTER,
  type DashboardFilter,
} from '../../apps/worker/console/client/dashboard-filter.ts'
import { formatNps } from '../../apps/worker/console/client/dashboard-series.ts'
import { launchChromium, screenshot, type Browser } from './chromium.ts'
import { CONSOLE_ADMIN_TOKEN, startConsoleStack, type ConsoleStack } from './console-stack.ts'

/**
 * The console's CX dashboard in Chromium, for a tenant synced from the Zendesk sandbox (its CSAT)
 * with NPS and CSAT answers imported through `POST /v1/responses` (the sandbox has no NPS): the
 * tables under the charts show the dashboards API's figures and the imported answers' NPS, the tool
 * filter changes them through the URL, the worklist leads to a customer page, and French reads French.
 */
let stack: ConsoleStack
let browser: Browser

interface NpsMonth {
  month: string
  score: number
  promoters: number
  passives: number
  detractors: number
  answers: number
}
interface RatingMonth {
  month: string
  satisfied: number
  neutral: number
  unsatisfied: number
  answers: number
}
interface Answer {
  id: string
  kind: 'nps' | 'csat'
  score: number
  submittedAt: string
  email: string
  comment?: string
}

/** Every category, unevenly, so months differ: 0–6 detractors, 7–8 passives, 9–10 promoters. */
const NPS_SCORES = [10, 9, 3, 8, 0, 9, 6, 10, 7, 2, 9, 5, 10, 8, 4]
const NPS_ANSWERS = 30
/** The worklist's page size in the paging test. */
const PAGE = 5
/** Comments on answers 2, 7, 12…: scores 3, 10, 10, 3, 10, 10 (verbatims list detractors'). */
const COMMENTS = [
  'The invoice was wrong twice',
  'Great support, thanks',
  'Works well',
  'La facture était fausse, encore',
  'Quick answers',
  'Très bien',
]
const CSAT_ANSWERS = 6
let answers: Answer[] = []

/** Answers of three past months (whole months: never in the future, always in the last 12). */
function makeAnswers(): Answer[] {
  const seen = new Set<string>()
  const emails = stack.sandbox.sandbox
    .groundTruth()
    .users.filter((u) => u.role === 'end-user' && u.email && !u.suspended)
    .map((u) => u.email!.toLowerCase())
    .filter((e) => !seen.has(e) && seen.add(e))
  const now = new Date()
  const at = (i: number) =>
    new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - (i % 3), 2 + (i % 20), 10),
    ).toISOString()
  const nps = Array.from({ length: NPS_ANSWERS }, (_, i) => ({
    id: `nps-${i}`,
    kind: 'nps' as const,
    score: NPS_SCORES[i % NPS_SCORES.length]!,
    submittedAt: at(i),
    email: emails[i]!,
    ...(i % 5 === 2 ? { comment: COMMENTS[(i / 5) | 0]! } : {}),
  }))
  const csat = Array.from({ length: CSAT_ANSWERS }, (_, i) => ({
    id: `csat-${i}`,
    kind: 'csat' as const,
    score: 1 + (i % 5),
    submittedAt: at(i),
    email: emails[i]!,
  }))
  return [...nps, ...csat]
}

/** What the imported answers' NPS is, month by month: % promoters − % detractors. */
function expectedNps(): NpsMonth[] {
  const months = new Map<string, NpsMonth>()
  for (const a of answers.filter((x) => x.kind === 'nps')) {
    const month = a.submittedAt.slice(0, 7)
    const m = months.get(month) ?? {
      month,
      score: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      answers: 0,
    }
    if (a.score >= 9) m.promoters++
    else if (a.score >= 7) m.passives++
    else m.detractors++
    m.answers++
    months.set(month, m)
  }
  return [...months.values()]
    .map((m) => ({
      ...m,
      score: Math.round(((m.promoters - m.detractors) / m.answers) * 1000) / 10,
    }))
    .sort((a, b) => a.month.localeCompare(b.month))
}

const board = <T>(name: string, filter: DashboardFilter, extra = '') => {
  const query = boardQuery(filter, new Date()).toString()
  return stack.admin<T>('GET', `/tenants/${stack.tenantId}/dashboards/${name}?${query}${extra}`)
}

beforeAll(async () => {
  stack = await startConsoleStack()
  browser = await launchChromium()
  answers = makeAnswers()
  const res = await fetch(`${stack.workerUrl}/v1/responses?feed=survey`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ responses: answers }),
  })
  const imported = (await res.json()) as { accepted: number; rejected: unknown[] }
  expect(imported, JSON.stringify(imported)).toMatchObject({
    accepted: answers.length,
    rejected: [],
  })
  // The derive counts them into the dashboards' running totals shortly after.
  for (let i = 0; ; i++) {
    const nps = await board<{ overall: { answers: number } }>('nps', DEFAULT_FILTER)
    if (nps.overall.answers === NPS_ANSWERS) break
    if (i > 300)
      throw new Error(`the imported NPS answers were not counted: ${JSON.stringify(nps)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

async function signIn(page: Page, lang: 'en' | 'fr'): Promise<void> {
  await page.goto(`${stack.workerUrl}/admin?lang=${lang}`)
  await page.fill('input[name="token"]', CONSOLE_ADMIN_TOKEN)
  await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')])
}

/** The dashboard shown for the URL's filter (its figures loaded for exactly that filter). */
async function loaded(page: Page, params: string): Promise<void> {
  await page.locator(`.cx-dashboard[data-loaded="${stack.tenantId}?${params}"]`).waitFor()
}

const readNps = (page: Page) =>
  page.locator('table[data-table="nps"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const n = (f: string) =>
        Number(r.querySelector(`[data-field="${f}"]`)!.getAttribute('data-value'))
      return {
        month: r.getAttribute('data-month')!,
        score: n('score'),
        promoters: n('promoters'),
        passives: n('passives'),
        detractors: n('detractors'),
        answers: n('answers'),
      }
    }),
  )

const readRatings = (page: Page, name: 'csat' | 'ces') =>
  page.locator(`table[data-table="${name}"] tbody tr`).evaluateAll((rows) =>
    rows.map((r) => {
      const n = (f: string) =>
        Number(r.querySelector(`[data-field="${f}"]`)!.getAttribute('data-value'))
      return {
        month: r.getAttribute('data-month')!,
        satisfied: n('satisfied'),
        neutral: n('neutral'),
        unsatisfied: n('unsatisfied'),
        answers: n('answers'),
      }
    }),
  )

const ratingFigures = (months: RatingMonth[]) =>
  months.map(({ month, satisfied, neutral, unsatisfied, answers }) => ({
    month,
    satisfied,
    neutral,
    unsatisfied,
    answers,
  }))
const sumAnswers = (months: { answers: number }[]) => months.reduce((n, m) => n + m.answers, 0)

describe('admin console: CX dashboard', () => {
  it('shows NPS, CSAT and friction as the API and the imported answers say, per tool', async () => {
    const page = await browser.page({ width: 1400 })
    await signIn(page, 'en')
    await page.locator(`a[data-tenant="${stack.tenantId}"]`).click()
    await page.locator('a[data-tab="dashboard"]').click()
    await loaded(page, '')
    expect(await page.evaluate(() => location.hash)).toBe(`#/${stack.tenantId}/dashboard`)

    // All tools: the NPS table is the API's figures, which are the imported answers' NPS.
    const nps = await board<{ months: NpsMonth[] }>('nps', DEFAULT_FILTER)
    expect(nps.months).toEqual(expectedNps())
    expect(await readNps(page)).toEqual(nps.months)
    const csatAll = await board<{ months: RatingMonth[] }>('csat', DEFAULT_FILTER)
    expect(await readRatings(page, 'csat')).toEqual(ratingFigures(csatAll.months))
    const friction = await board<{ months: { month: string; points: number }[] }>(
      'friction',
      DEFAULT_FILTER,
    )
    const frictionRows = await page
      .locator('table[data-table="friction"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => ({
          month: r.getAttribute('data-month'),
          points: Number(r.querySelector('[data-field="points"]')!.getAttribute('data-value')),
        })),
      )
    expect(frictionRows).toEqual(friction.months.map((m) => ({ month: m.month, points: m.points })))
    for (const chart of ['nps', 'csat', 'friction']) {
      expect(await page.locator(`figure[data-chart="${chart}"] canvas`).count()).toBe(1)
    }
    // Verbatims show when the API gives them (the verbatims board, or a field of another board),
    // as the API lists them; their absence breaks nothing.
    const boards = await Promise.all(
      ['nps', 'csat', 'ces', 'friction', 'verbatims'].map((b) =>
        board<{ verbatims?: { items: Array<{ comment: string }> } }>(b, DEFAULT_FILTER).catch(
          () => ({ verbatims: undefined }),
        ),
      ),
    )
    const given = boards.find((b) => b.verbatims !== undefined)?.verbatims
    const section = page.locator('[data-board="verbatims"]')
    expect(await section.count()).toBe(given ? 1 : 0)
    if (given) {
      expect(await section.locator('li blockquote').allTextContents()).toEqual(
        given.items.map((i) => i.comment),
      )
    }
    await page.locator('[data-board="nps"] details summary').click()
    await screenshot(page, 'console-dashboard-en')

    // Zendesk only: no NPS (the sandbox has none), its CSAT alone.
    await page.selectOption('select[name="tool"]', 'zendesk')
    await loaded(page, 'tool=zendesk')
    expect(await page.evaluate(() => location.hash)).toBe(
      `#/${stack.tenantId}/dashboard?tool=zendesk`,
    )
    const zendesk = { ...DEFAULT_FILTER, tool: 'zendesk' as const }
    expect(await readNps(page)).toEqual([])
    await page.locator('[data-board="nps"] p', { hasText: 'No answers in this period.' }).waitFor()
    const csatZendesk = await board<{ months: RatingMonth[] }>('csat', zendesk)
    expect(await readRatings(page, 'csat')).toEqual(ratingFigures(csatZendesk.months))
    expect(sumAnswers(csatZendesk.months)).toBe(sumAnswers(csatAll.months) - CSAT_ANSWERS)

    // Imports only: every NPS answer, and the imported CSAT alone; the URL reloads to the same.
    await page.selectOption('select[name="tool"]', 'import')
    await loaded(page, 'tool=import')
    expect(await readNps(page)).toEqual(expectedNps())
    expect(sumAnswers(await readRatings(page, 'csat'))).toBe(CSAT_ANSWERS)
    await page.reload()
    await loaded(page, 'tool=import')
    expect(await page.locator('select[name="tool"]').inputValue()).toBe('import')
    expect(await readNps(page)).toEqual(expectedNps())

    // A period: the last 3 months hold the oldest imported month's answers no more.
    await page.selectOption('select[name="period"]', '3m')
    await loaded(page, 'tool=import&period=3m')
    const threeMonths = await board<{ months: NpsMonth[] }>('nps', {
      ...DEFAULT_FILTER,
      tool: 'import',
      period: '3m',
    })
    expect(await readNps(page)).toEqual(threeMonths.months)
    expect(threeMonths.months.map((m) => m.month)).toEqual(
      expectedNps()
        .slice(1)
        .map((m) => m.month),
    )

    // From–to: the one month in the middle of the imported three, typed into the month fields.
    const middle = expectedNps()[1]!
    await page.selectOption('select[name="period"]', 'range')
    await page.locator('input[name="from"]').waitFor()
    await page.fill('input[name="from"]', middle.month)
    await page.fill('input[name="to"]', middle.month)
    await page.click('form[data-form="dashboard-filter"] button[type="submit"]')
    const params = `tool=import&period=range&from=${middle.month}&to=${middle.month}`
    await loaded(page, params)
    expect(await readNps(page)).toEqual([middle])
    await screenshot(page, 'console-dashboard-range-en')
  })

  it('lists the customers to call back, newest first, page by page, each leading to their page', async () => {
    const worklist = await board<{
      total: number
      customers: Array<{ customerId: string; displayName: string; latestDetractorAt: string }>
    }>('worklist', DEFAULT_FILTER, '&limit=50')
    const detractors = answers.filter((a) => a.kind === 'nps' && a.score <= 6).length
    expect(worklist.total).toBeGreaterThan(PAGE)
    expect(worklist.total).toBeLessThanOrEqual(detractors)

    // Pages of PAGE instead of 50 (the request rewritten on its way), so "Show more" has work.
    const page = await browser.page({ width: 1400 })
    await page.route(
      (url) => url.pathname.endsWith('/dashboards/worklist'),
      async (route) => {
        const url = new URL(route.request().url())
        url.searchParams.set('limit', String(PAGE))
        await route.continue({ url: url.toString() })
      },
    )
    await signIn(page, 'en')
    await page.goto(`${stack.workerUrl}/admin#/${stack.tenantId}/dashboard`)
    await loaded(page, '')
    const rows = page.locator('table[data-table="worklist"] tbody tr')
    expect(await rows.count()).toBe(PAGE)
    const more = page.locator('[data-board="worklist"] button[data-action="more"]')
    for (let pages = 1; (await more.count()) > 0; pages++) {
      expect(pages, 'more pages than the total allows').toBeLessThan(worklist.total)
      await more.click()
      await page.waitForFunction(
        ([selector, n]) => document.querySelectorAll(selector!).length >= Number(n),
        [
          'table[data-table="worklist"] tbody tr',
          String(Math.min(worklist.total, (pages + 1) * PAGE)),
        ],
      )
    }
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-customer'),
        risk: tr.getAttribute('data-risk'),
        at: tr.querySelector('[data-field="at"]')!.getAttribute('data-value')!,
      })),
    )
    expect(shown.map((r) => r.id)).toEqual(worklist.customers.map((c) => c.customerId))
    // At-risk customers first, then the newest detractor answer first.
    for (let i = 1; i < shown.length; i++) {
      const [a, b] = [shown[i - 1]!, shown[i]!]
      if (a.risk === b.risk) expect(a.at >= b.at, `${a.at} before ${b.at}`).toBe(true)
      else expect(a.risk).toBe('at_risk')
    }

    const first = worklist.customers[0]!
    await rows.first().locator('a[data-action="customer"]').click()
    const customer = page.locator(`.cx-customer[data-customer="${first.customerId}"]`)
    await customer.locator('h2[data-field="name"]').waitFor()
    expect(await page.evaluate(() => location.hash)).toBe(
      `#/${stack.tenantId}/customers/${first.customerId}`,
    )
    const view = await stack.admin<{
      customer: { displayName: string }
      nps: { latest: { score: number } | null }
      tickets: { open: unknown[] }
    }>('GET', `/tenants/${stack.tenantId}/customers/${first.customerId}`)
    expect(await customer.locator('h2[data-field="name"]').textContent()).toBe(
      view.customer.displayName,
    )
    expect(view.customer.displayName).toBe(first.displayName)
    expect(await customer.locator('dd[data-field="nps"]').textContent()).toContain(
      `${view.nps.latest!.score}/10`,
    )
    expect(await customer.locator('dd[data-field="identities"]').textContent()).toContain('Zendesk')
    expect(
      await customer.locator('[data-list="friction"] li[data-open="true"]').count(),
    ).toBeGreaterThan(0)
    await screenshot(page, 'console-customer-en')
    await customer.locator('a[data-action="back"]').click()
    await loaded(page, '')
  })

  it('shows the verbatims board by theme, asking it for the theme chosen', async () => {
    // The verbatims board (developer t's, `{board: 'verbatims', verbatims}`) stood in for in its
    // agreed shape: the console's rendering and its `?theme=` request are what is checked here.
    const worklist = await board<{
      customers: Array<{ customerId: string; displayName: string }>
    }>('worklist', DEFAULT_FILTER, '&limit=50')
    const [a, b] = worklist.customers as [
      (typeof worklist.customers)[0],
      (typeof worklist.customers)[0],
    ]
    const item = (who: typeof a, comment: string, themes: string[], language: 'en' | 'fr') => ({
      customerId: who.customerId,
      customerName: who.displayName,
      source: 'import',
      at: answers[0]!.submittedAt,
      kind: 'nps',
      score: 2,
      scale: { min: 0, max: 10 },
      comment,
      language,
      themes,
    })
    const items = [
      item(a, 'The invoice was wrong twice', ['billing'], 'en'),
      item(b, 'Facture erronée, encore', ['billing'], 'fr'),
      item(b, 'The parcel never came', ['delivery'], 'en'),
    ]
    const themesAsked: string[] = []
    const page = await browser.page({ width: 1400 })
    await page.route(
      (url) => url.pathname.endsWith('/dashboards/verbatims'),
      async (route) => {
        const asked = new URL(route.request().url()).searchParams
        const theme = asked.get('theme')
        if (theme) themesAsked.push(theme)
        const matching = theme ? items.filter((i) => i.themes.includes(theme)) : items
        // Pages of 2 (a board may give fewer than `limit`), from `offset`.
        const offset = Number(asked.get('offset') ?? 0)
        const verbatims = {
          items: matching
            .slice(offset, offset + 2)
            .map((i) => ({ ...i, view: `/v1/customers/${i.customerId}` })),
          themes: [
            { theme: 'billing', count: 2 },
            { theme: 'delivery', count: 1 },
          ],
          total: matching.length,
        }
        await route.fulfill({ json: { board: 'verbatims', verbatims } })
      },
    )
    await signIn(page, 'en')
    await page.goto(`${stack.workerUrl}/admin#/${stack.tenantId}/dashboard`)
    await loaded(page, '')
    const section = page.locator('[data-board="verbatims"]')
    expect(
      await section.locator('a.cx-chip[data-theme="billing"]').getAttribute('data-count'),
    ).toBe('2')
    const comments = section.locator('li blockquote')
    expect(await comments.allTextContents()).toEqual(items.slice(0, 2).map((i) => i.comment))
    await section.locator('button[data-action="more"]').click()
    await comments.nth(2).waitFor()
    expect(await comments.allTextContents()).toEqual(items.map((i) => i.comment))
    expect(await section.locator('button[data-action="more"]').count()).toBe(0)
    expect(await comments.nth(1).getAttribute('lang')).toBe('fr')
    expect(themesAsked).toEqual([])

    await section.locator('a.cx-chip[data-theme="billing"]').click()
    await loaded(page, 'theme=billing')
    expect(themesAsked).toEqual(['billing'])
    expect(await section.locator('a.cx-chip[aria-current]').getAttribute('data-theme')).toBe(
      'billing',
    )
    expect(await section.locator('li blockquote').allTextContents()).toEqual([
      'The invoice was wrong twice',
      'Facture erronée, encore',
    ])
    // The NPS figures are the board's own, whatever the theme.
    expect(await readNps(page)).toEqual(expectedNps())
    await screenshot(page, 'console-dashboard-verbatims-en')
    await section.locator('li a[data-action="customer"]').first().click()
    await page
      .locator(`.cx-customer[data-customer="${a.customerId}"] h2[data-field="name"]`)
      .waitFor()
  })

  it('speaks French with lang=fr', async () => {
    const page = await browser.page({ width: 1400, locale: 'fr-FR' })
    await signIn(page, 'fr')
    await page.goto(`${stack.workerUrl}/admin?lang=fr#/${stack.tenantId}/dashboard?tool=import`)
    await loaded(page, 'tool=import')
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    expect(await page.locator('h2.cx-page-title').textContent()).toBe('Tableau de bord CX')
    expect(await page.locator('[data-board="nps"] h2').textContent()).toBe('NPS par mois')
    const headers = await page.locator('table[data-table="nps"] thead th').allTextContents()
    expect(headers).toEqual(['Mois', 'NPS', 'Promoteurs', 'Passifs', 'Détracteurs', 'Réponses'])
    expect(await page.locator('select[name="tool"] option[value="all"]').textContent()).toBe(
      'Tous les outils',
    )
    const scores = await page
      .locator('table[data-table="nps"] tbody [data-field="score"]')
      .allTextContents()
    expect(scores).toEqual(expectedNps().map((m) => formatNps(m.score, 'fr')))
    await page
      .locator('[data-board="worklist"] h2', { hasText: 'Clients à rappeler en priorité' })
      .waitFor()
    await screenshot(page, 'console-dashboard-fr')
  })
})
