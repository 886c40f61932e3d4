import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { LOCALES, MESSAGES, type Locale } from './messages.ts'

/** The console's pages: script and styles only from our origin, never framed, never cached. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

function layout(locale: Locale, title: string, body: Html, scripts: boolean): Html {
  const t = MESSAGES[locale]
  const other = LOCALES.map(
    (l) =>
      html`<a href="/admin?lang=${l}" hreflang="${l}" ${l === locale ? 'aria-current="true"' : ''}
        >${l.toUpperCase()}</a
      >`,
  )
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="/admin/console/app.css" />
        ${scripts ? html`<script src="/admin/console/app.js" defer></script>` : ''}
      </head>
      <body>
        <header class="cx-top">
          <strong>${t.title}</strong>
          <nav class="cx-lang" aria-label="${t.language}">${other}</nav>
          <div id="cx-session"></div>
        </header>
        ${body}
      </body>
    </html>`
}

/** Sign-in: a plain form (works without script); the token goes in the POST body, nowhere else. */
export function signInPage(locale: Locale, error: string | null): Html {
  const t = MESSAGES[locale]
  return layout(
    locale,
    t.signInTitle,
    html`<main class="cx-signin">
      <h1>${t.signInTitle}</h1>
      <p>${t.signInHelp}</p>
      ${error ? html`<p class="cx-error" role="alert">${error}</p>` : ''}
      <form method="post" action="/admin/session">
        <input type="hidden" name="lang" value="${locale}" />
        <label
          >${t.tokenLabel}
          <input name="token" type="password" autocomplete="current-password" required autofocus
        /></label>
        <button type="submit">${t.signIn}</button>
      </form>
    </main>`,
    false,
  )
}

/** The console: an empty shell the client bundle fills; its language is the page's `lang`. */
export function consolePage(locale: Locale): Html {
  return layout(locale, MESSAGES[locale].title, html`<main id="cx-console"></main>`, true)
}
