import type { Context } from 'hono'
import { html, raw } from 'hono/html'
import type { AppEnv } from '../app-env.ts'
import type { ConnectionState } from '../tenant/rpc-types.ts'
import type { InstallationSummary } from '../tenant/installations.ts'

type Lang = 'en' | 'fr'

const TEXT = {
  en: {
    title: 'Connect cxlens',
    tenant: 'Workspace',
    connected: 'Connected',
    notConnected: 'Not connected',
    scopes: 'Granted scopes',
    firstSync: 'First sync',
    syncDone: 'complete',
    syncing: 'in progress',
    records: 'records',
    connectOther: (tool: string) => `Connect ${tool}`,
    subdomain: 'Your Zendesk subdomain',
    reconnect: 'Reconnect',
    skipped: 'Not synced',
    appSettings: 'Zendesk app settings',
    appInstalled: (sub: string) =>
      `The sidebar app of ${sub} is registered; its shared secret was shown once at install.`,
    appMissing: 'Install the Zendesk app, then connect Zendesk here to get its shared secret.',
    secretTitle: 'Zendesk connected',
    secretIntro: (sub: string) =>
      `Paste this value into the "Shared secret" setting of the cxlens app in ${sub}.zendesk.com (Admin Center › Apps › cxlens). It is shown only once.`,
    continue: 'Continue',
  },
  fr: {
    title: 'Connecter cxlens',
    tenant: 'Espace',
    connected: 'Connecté',
    notConnected: 'Non connecté',
    scopes: 'Autorisations accordées',
    firstSync: 'Première synchronisation',
    syncDone: 'terminée',
    syncing: 'en cours',
    records: 'enregistrements',
    connectOther: (tool: string) => `Connecter ${tool}`,
    subdomain: 'Votre sous-domaine Zendesk',
    reconnect: 'Reconnecter',
    skipped: 'Non synchronisé',
    appSettings: "Réglages de l'app Zendesk",
    appInstalled: (sub: string) =>
      `L'app de la barre latérale de ${sub} est enregistrée ; son secret partagé a été affiché une fois à l'installation.`,
    appMissing:
      "Installez l'app Zendesk, puis connectez Zendesk ici pour obtenir son secret partagé.",
    secretTitle: 'Zendesk connecté',
    secretIntro: (sub: string) =>
      `Collez cette valeur dans le réglage « Shared secret » de l'app cxlens de ${sub}.zendesk.com (Centre d'administration › Apps › cxlens). Elle n'est affichée qu'une fois.`,
    continue: 'Continuer',
  },
} as const

/** `?lang=fr`, else the browser's first language, else English. */
export function langOf(c: Context<AppEnv>): Lang {
  const asked = c.req.query('lang') ?? c.req.header('accept-language') ?? ''
  return asked.trim().toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

const STYLE = raw(`<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#2f3941}
section{border:1px solid #d8dcde;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
h2{margin:0 0 .5rem;font-size:1.1rem}.ok{color:#038153}.bad{color:#cc3340}
code{background:#f3f4f5;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
.button{display:inline-block;background:#1f73b7;color:#fff;padding:.45rem .9rem;border-radius:4px;text-decoration:none;border:0;font:inherit;cursor:pointer}
</style>`)

export interface ConnectModel {
  tenantId: string
  name: string
  connections: ConnectionState[]
  installations: InstallationSummary[]
  /** Signed link to join the other tool's install to this tenant. */
  link: string
}

function toolSection(lang: Lang, vendor: 'zendesk' | 'hubspot', model: ConnectModel) {
  const t = TEXT[lang]
  const label = vendor === 'zendesk' ? 'Zendesk' : 'HubSpot'
  const state = model.connections.find((s) => s.connection.source === vendor)
  const link = encodeURIComponent(model.link)
  if (!state) {
    const connect =
      vendor === 'hubspot'
        ? html`<a class="button" id="connect-hubspot" href="/install/hubspot?link=${link}"
            >${t.connectOther(label)}</a
          >`
        : html`<form method="get" action="/install/zendesk">
            <input type="hidden" name="link" value="${model.link}" />
            <label
              >${t.subdomain} <input name="subdomain" required pattern="[a-zA-Z0-9-]+"
            /></label>
            <button class="button" id="connect-zendesk">${t.connectOther(label)}</button>
          </form>`
    return html`<section data-tool="${vendor}">
      <h2>${label}: <span class="bad">${t.notConnected}</span></h2>
      ${connect}
    </section>`
  }
  const auth = state.authorization
  const done = firstSyncDone(state)
  const written = state.streams.reduce((n, s) => n + (s.counts?.written ?? 0), 0)
  const installHref =
    vendor === 'hubspot'
      ? `/install/hubspot?link=${link}`
      : `/install/zendesk?subdomain=${state.connection.account}&link=${link}`
  // A connection made with a token (admin API) moves onto the app's OAuth grant by installing it.
  const upgrade = auth
    ? ''
    : html`<p>
        <a class="button" id="connect-${vendor}" href="${installHref}">${t.connectOther(label)}</a>
      </p>`
  const reconnect =
    auth?.status === 'needs_reconnect'
      ? html`<p class="bad" data-status="needs_reconnect">
          ${auth.action}
          <a class="button" href="${installHref}">${t.reconnect}</a>
        </p>`
      : ''
  return html`<section data-tool="${vendor}" data-connection="${state.connection.id}">
    <h2>${label} ${state.connection.account}: <span class="ok">${t.connected}</span></h2>
    ${auth ? html`<p>${t.scopes}: <code>${auth.scopes.join(' ')}</code></p>` : ''}
    ${(auth?.skippedStreams ?? []).map((s) => html`<p>${t.skipped}: ${s.stream} — ${s.reason}</p>`)}
    <p data-first-sync="${done ? 'done' : 'running'}">
      ${t.firstSync}: ${done ? t.syncDone : t.syncing} (${written} ${t.records})
    </p>
    ${reconnect}${upgrade}
  </section>`
}

/** A connection's first sync is over once it has streams and each caught up or failed. */
function firstSyncDone(state: ConnectModel['connections'][number]): boolean {
  return state.streams.length > 0 && state.streams.every((s) => s.caughtUp || s.status === 'failed')
}

export function connectPage(c: Context<AppEnv>, model: ConnectModel) {
  const lang = langOf(c)
  const t = TEXT[lang]
  const zendesk = model.connections.find((s) => s.connection.source === 'zendesk')
  const app =
    zendesk &&
    model.installations.find(
      (i) => i.platform === 'zendesk' && i.externalId === zendesk.connection.account,
    )
  // The page refreshes itself until every connection's first sync is over, including one whose
  // streams are not recorded yet (its run has not started), which would otherwise never refresh.
  const syncing = model.connections.some((s) => !firstSyncDone(s))
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <title>${t.title}</title>
        ${syncing ? raw('<meta http-equiv="refresh" content="3" />') : ''}${STYLE}
      </head>
      <body>
        <h1>${t.title}</h1>
        <p>${t.tenant}: <strong>${model.name}</strong> <code>${model.tenantId}</code></p>
        ${toolSection(lang, 'zendesk', model)}${toolSection(lang, 'hubspot', model)}
        <section>
          <h2>${t.appSettings}</h2>
          <p>${app ? t.appInstalled(app.externalId) : t.appMissing}</p>
        </section>
      </body>
    </html>`
}

export function sharedSecretPage(c: Context<AppEnv>, subdomain: string, secret: string) {
  const t = TEXT[langOf(c)]
  return html`<!doctype html>
    <html>
      <head>
        <meta charset="utf-8" />
        <title>${t.secretTitle}</title>
        ${STYLE}
      </head>
      <body>
        <h1>${t.secretTitle}</h1>
        <p>${t.secretIntro(subdomain)}</p>
        <p><code id="shared-secret">${secret}</code></p>
        <p><a class="button" id="continue" href="/connect">${t.continue}</a></p>
      </body>
    </html>`
}
