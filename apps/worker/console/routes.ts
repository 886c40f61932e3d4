import { Hono, type Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { constantTimeEqual } from '../crypto.ts'
import { ProblemError, unauthorized } from '../problem.ts'
import { CONSOLE_CSS, CONSOLE_JS } from './bundle.ts'
import { MESSAGES, isLocale, pickLocale, type Locale } from './messages.ts'
import { consolePage, PAGE_HEADERS, signInPage } from './pages.ts'
import { isSameOriginRequest } from './same-origin.ts'
import { clearSessionCookie, hasSession, issueSession, setSessionCookie } from './session.ts'

const LANG_COOKIE = 'cxlens_lang'
const SignIn = z.object({ token: z.string().max(1024), lang: z.string().optional() })

function localeOf(c: Context<AppEnv>): Locale {
  return pickLocale(c.req.query('lang'), getCookie(c, LANG_COOKIE), c.req.header('accept-language'))
}

/** The form's or the JSON body's token; null when the body is neither. */
async function signInBody(c: Context<AppEnv>): Promise<z.infer<typeof SignIn> | null> {
  const type = c.req.header('content-type') ?? ''
  const raw = type.startsWith('application/json')
    ? await c.req.json().catch(() => null)
    : type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')
      ? await c.req.parseBody().catch(() => null)
      : null
  const parsed = SignIn.safeParse(raw)
  return parsed.success ? parsed.data : null
}

function page(c: Context<AppEnv>, body: Parameters<Context<AppEnv>['html']>[0], status = 200) {
  return c.html(body, status as 200, PAGE_HEADERS)
}

/**
 * `/admin` (console page or sign-in), `/admin/session` (sign in / out), `/admin/console/*` (the
 * client bundle). Mounted before the admin API, whose middleware takes the session cookie too.
 */
export const adminConsole = new Hono<AppEnv>()
  .get('/', async (c) => {
    const locale = localeOf(c)
    const lang = c.req.query('lang')
    if (isLocale(lang)) {
      setCookie(c, LANG_COOKIE, lang, { path: '/admin', sameSite: 'Strict', maxAge: 31_536_000 })
    }
    const token = c.env.CXLENS_ADMIN_TOKEN
    if (!token) return page(c, signInPage(locale, MESSAGES[locale].notConfigured), 503)
    if (await hasSession(c, token)) return page(c, consolePage(locale))
    return page(c, signInPage(locale, null))
  })

  .post('/session', async (c) => {
    const expected = c.env.CXLENS_ADMIN_TOKEN
    const body = await signInBody(c)
    const wantsJson = (c.req.header('content-type') ?? '').startsWith('application/json')
    const locale = isLocale(body?.lang) ? body.lang : localeOf(c)
    if (!expected) throw new ProblemError(503, 'The admin API is not configured on this deployment')
    if (!body)
      throw new ProblemError(400, 'Send the admin token as form field or JSON member "token"')
    if (!(await constantTimeEqual(body.token, expected))) {
      if (wantsJson) throw unauthorized('Invalid admin token')
      return page(c, signInPage(locale, MESSAGES[locale].wrongToken), 401)
    }
    const session = await issueSession(expected, Date.now())
    setSessionCookie(c, session.value)
    c.header('cache-control', 'no-store')
    if (wantsJson) return c.json({ expiresAt: session.expiresAt })
    return c.redirect(`/admin?lang=${locale}`, 303)
  })

  // Signing out only needs our origin: a cross-site page cannot end the session either.
  .delete('/session', (c) => {
    if (!isSameOriginRequest(c)) throw new ProblemError(403, 'Cross-site request refused')
    clearSessionCookie(c)
    return c.body(null, 204)
  })

  .get('/console/app.js', (c) =>
    c.body(CONSOLE_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    }),
  )
  .get('/console/app.css', (c) =>
    c.body(CONSOLE_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    }),
  )
