import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface Browser {
  page(options?: { width?: number; locale?: string }): Promise<Page>
  close(): Promise<void>
}

/** A Chromium with a fresh profile directory, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'cxlens-chromium-'))
  const contexts: BrowserContext[] = []
  let context: BrowserContext | null = null
  return {
    async page(options = {}) {
      context = await chromium.launchPersistentContext(profile + `/${contexts.length}`, {
        executablePath: CHROMIUM,
        args: ARGS,
        headless: true,
        viewport: { width: options.width ?? 320, height: 900 },
        locale: options.locale ?? 'en-US',
      })
      contexts.push(context)
      return context.pages()[0] ?? context.newPage()
    },
    async close() {
      for (const c of contexts) await c.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

export const SCREENSHOTS = join(process.cwd(), 'artifacts/screenshots')

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
