import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { buildSidebar } from './build-sidebar.ts'
import { chromiumPath, launchChromium } from './chromium.ts'

/**
 * A measurement, not a test: navigation start → the sidebar's first render of a customer, in
 * Chromium, against the worker under wrangler (the end-to-end stack: both sandboxes synced).
 *
 *   npx node test/browser/measure-first-render.ts [--runs 10]
 *
 * An init script watches the DOM: `dom` is `performance.now()` (0 = navigation start of the frame)
 * when the customer's name is in a ready panel, `frame` the next animation frame (the first paint
 * that can show it). Cold loads use a new browser profile each (no cache, no open connection);
 * warm loads reload the same page. The path measured: frame HTML with the inlined bundle, the
 * stand-in ZAF client's token request, the lookup through the proxy, the worker, the render.
 * Writes artifacts/browser/timings.json.
 */

interface Sample {
  dom: number
  frame: number
  /** The frame document received whole. */
  documentEnd: number
  domContentLoaded: number
  /** The stand-in's JWT request (Zendesk signs in its proxy instead): its duration. */
  tokenMs: number
  /** The lookup request through the stand-in proxy: start, and its duration. */
  lookupStart: number
  lookupMs: number
}

declare global {
  var __cxFirstRender: { dom?: number; frame?: number; error?: number } | undefined
}

function watchFirstRender(): void {
  const marks: NonNullable<typeof globalThis.__cxFirstRender> = (globalThis.__cxFirstRender = {})
  const observer = new MutationObserver(() => {
    if (document.querySelector('.cx[data-state="error"]')) marks.error = performance.now()
    if (marks.dom !== undefined || !document.querySelector('.cx[data-state="ready"] .cx-name')) {
      return
    }
    marks.dom = performance.now()
    observer.disconnect()
    requestAnimationFrame(() => (marks.frame = performance.now()))
  })
  observer.observe(document, { childList: true, subtree: true, attributes: true })
}

async function sampleOf(page: Page): Promise<Sample> {
  await page.waitForFunction(
    () => globalThis.__cxFirstRender?.frame !== undefined || globalThis.__cxFirstRender?.error,
    null,
    { timeout: 30_000 },
  )
  return page.evaluate(() => {
    const marks = globalThis.__cxFirstRender!
    if (marks.frame === undefined) throw new Error('the sidebar showed its error state')
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const resource = (path: string) =>
      performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes(path)) as PerformanceResourceTiming
    const lookup = resource('/v1/customers/lookup')
    const token = resource('/preview/token')
    return {
      dom: marks.dom!,
      frame: marks.frame,
      documentEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      tokenMs: token.responseEnd - token.startTime,
      lookupStart: lookup.startTime,
      lookupMs: lookup.responseEnd - lookup.startTime,
    }
  })
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo)
}
const round = (ms: number) => Math.round(ms * 10) / 10

function summarise(samples: Sample[]) {
  const of = (key: keyof Sample) => samples.map((s) => s[key])
  const stats = (values: number[]) => ({
    median: round(quantile(values, 0.5)),
    p90: round(quantile(values, 0.9)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  })
  return {
    firstRenderMs: { ...stats(of('dom')), samples: of('dom').map(round) },
    nextFrameMs: stats(of('frame')),
    documentEndMs: stats(of('documentEnd')),
    domContentLoadedMs: stats(of('domContentLoaded')),
    tokenDurationMs: stats(of('tokenMs')),
    lookupStartMs: stats(of('lookupStart')),
    lookupDurationMs: stats(of('lookupMs')),
  }
}

async function main() {
  const flag = process.argv.indexOf('--runs')
  const runs = flag > 0 ? Number(process.argv[flag + 1]) : 10
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1')
  process.chdir(join(import.meta.dirname, '../..'))
  await buildSidebar()
  // After the build: the frame server serves the embed module as loaded.
  const { startE2eStack } = await import('./e2e-stack.ts')
  console.log('starting the end-to-end stack (sandboxes, wrangler, first sync)…')
  const { stack, stop } = await startE2eStack()
  const browser = await launchChromium()
  try {
    const url = `${stack.frameUrl}/preview/frame?user=${stack.customers.detractor.zendeskUserId}`
    const open = async () => {
      const page = await browser.page()
      await page.addInitScript(watchFirstRender)
      await page.goto(url)
      return page
    }
    // Each cold load in its own browser, closed after: a new profile, no cache, no connection.
    const coldLoad = async () => {
      const page = await open()
      const sample = await sampleOf(page)
      await page.context().close()
      return sample
    }
    // One load first, not counted: the worker's isolate and the tenant object wake up.
    const warmup = await coldLoad()
    const cold: Sample[] = []
    for (let i = 0; i < runs; i++) cold.push(await coldLoad())
    const page = await open()
    await sampleOf(page)
    const warm: Sample[] = []
    for (let i = 0; i < runs; i++) {
      await page.reload()
      warm.push(await sampleOf(page))
    }

    const result = {
      measuredAt: new Date().toISOString(),
      what: 'navigation start → customer name in a ready sidebar panel (performance.now in the frame)',
      runs,
      chromium: execFileSync(await chromiumPath(), ['--version'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim(),
      node: process.version,
      /** The machine's load when the measurement ended: a shared machine slows every figure. */
      loadAverage1m: round(loadavg()[0]!),
      view: 'a detractor in both tools with open friction (the e2e stack, HubSpot + Zendesk synced)',
      warmupFirstRenderMs: round(warmup.dom),
      cold: summarise(cold),
      warm: summarise(warm),
    }
    const dir = join(process.cwd(), 'artifacts/browser')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'timings.json'), JSON.stringify(result, null, 2) + '\n')
    console.log(
      `first render, median of ${runs}: cold ${result.cold.firstRenderMs.median} ms ` +
        `(p90 ${result.cold.firstRenderMs.p90}), warm ${result.warm.firstRenderMs.median} ms ` +
        `(p90 ${result.warm.firstRenderMs.p90}); lookup median ${result.cold.lookupDurationMs.median} ms ` +
        `→ artifacts/browser/timings.json`,
    )
  } finally {
    await browser.close()
    await stop()
  }
}

await main()
