import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadDashboard, type Verbatims } from './dashboard-api.ts'
import { DEFAULT_FILTER } from './dashboard-filter.ts'

const NOW = new Date('2026-02-14T12:00:00Z')
const TENANT = 'tabcdefghijklmnopqrst'
const EMPTY: Record<string, object> = {
  nps: {
    months: [],
    overall: { score: null, promoters: 0, passives: 0, detractors: 0, answers: 0 },
  },
  csat: { months: [] },
  ces: { months: [] },
  friction: { months: [] },
  worklist: { total: 0, customers: [] },
}
const verbatims = (comment: string): Verbatims => ({
  items: [
    {
      customerId: 'cus_a',
      customerName: 'Ana',
      source: 'hubspot',
      at: '2026-01-05T10:00:00.000Z',
      kind: 'nps',
      score: 2,
      scale: { min: 0, max: 10 },
      comment,
      language: 'en',
      themes: ['billing'],
    },
  ],
  themes: [{ theme: 'billing', count: 1 }],
  total: 1,
})

/** A stand-in for the admin API: each board's body, `?theme=` on the carrier changing its comment. */
function serve(carrier: string | null) {
  const asked: string[] = []
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'https://console.test')
    asked.push(`${url.pathname.split('/').pop()}${url.search}`)
    const name = url.pathname.split('/').pop()!
    const theme = url.searchParams.get('theme')
    const body = EMPTY[name]
    if (!body && !(name === 'verbatims' && carrier === 'verbatims')) {
      return new Response(JSON.stringify({ detail: 'unknown board' }), { status: 400 })
    }
    const extra = name === carrier ? { verbatims: verbatims(theme ? `about ${theme}` : 'all') } : {}
    return new Response(JSON.stringify({ board: name, ...body, ...extra }), { status: 200 })
  })
  return asked
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('loadDashboard', () => {
  it('asks every board for the filter, with a page of the worklist', async () => {
    const asked = serve(null)
    const filter = { ...DEFAULT_FILTER, tool: 'zendesk' as const, period: '3m' as const }
    const dashboard = await loadDashboard(TENANT, filter, NOW)
    const q = 'source=zendesk&from=2025-12&to=2026-02'
    expect(asked.sort()).toEqual(
      [
        `ces?${q}`,
        `csat?${q}`,
        `friction?${q}`,
        `nps?${q}`,
        `verbatims?${q}`,
        `worklist?${q}&limit=50`,
      ].sort(),
    )
    // No board carries verbatims and there is no verbatims board (400): none, nothing broken.
    expect(dashboard.verbatims).toBeNull()
    expect(dashboard.worklist.customers).toEqual([])
  })

  it('takes verbatims from the board that carries them, asking it again for a theme', async () => {
    const asked = serve('nps')
    const all = await loadDashboard(TENANT, DEFAULT_FILTER, NOW)
    expect(all.verbatims?.items[0]?.comment).toBe('all')
    expect(asked.some((a) => a.includes('theme='))).toBe(false)

    asked.length = 0
    const themed = await loadDashboard(TENANT, { ...DEFAULT_FILTER, theme: 'billing' }, NOW)
    expect(themed.verbatims?.items[0]?.comment).toBe('about billing')
    // Another board's field has no pages of its own.
    expect(themed.verbatimsPaged).toBe(false)
    // The verbatims board first (400 here: none), then the board that carried them.
    expect(asked.filter((a) => a.includes('theme=')).sort()).toEqual([
      'nps?from=2025-03&to=2026-02&theme=billing',
      'verbatims?from=2025-03&to=2026-02&theme=billing',
    ])
  })

  it('reads a board of their own when no other board carries them', async () => {
    const asked = serve('verbatims')
    const themed = await loadDashboard(TENANT, { ...DEFAULT_FILTER, theme: 'pricing' }, NOW)
    expect(themed.verbatims?.items[0]?.comment).toBe('about pricing')
    expect(themed.verbatimsPaged).toBe(true)
    expect(asked).toContain('verbatims?from=2025-03&to=2026-02&theme=pricing')
    // Asked once, with the theme; no other board is asked for it.
    expect(asked.filter((a) => a.includes('theme='))).toEqual([
      'verbatims?from=2025-03&to=2026-02&theme=pricing',
    ])
  })
})
