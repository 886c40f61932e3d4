import { constants } from 'node:fs'
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/**
 * The Chromium to drive, in order: CHROMIUM_PATH, Debian's /usr/bin/chromium when installed, else
 * the binary inside the @sparticuz/chromium npm tarball (inflated once to the temp directory), so
 * `npm install && npm test` needs neither apt nor root. Never a browser downloaded at run time.
 */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (await isExecutable(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM
  const { default: packaged } = await import('@sparticuz/chromium')
  return packaged.executablePath()
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  )
}

// Our own flags, not @sparticuz/chromium's `args`: those add --disable-web-security and
// --single-process, which would hide CORS and frame-isolation bugs the tests are there to catch.
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
  const executablePath = await chromiumPath()
  const profile = await mkdtemp(join(tmpdir(), 'cxlens-chromium-'))
  const contexts: BrowserContext[] = []
  let context: BrowserContext | null = null
  return {
    async page(options = {}) {
      context = await chromium.launchPersistentContext(profile + `/${contexts.length}`, {
        executablePath,
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
