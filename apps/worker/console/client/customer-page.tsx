import { useMemo } from 'preact/hooks'
import type { CustomerView } from '../../../../core/model/view.ts'
import type { DisplayLink } from '../../../../core/presentation/display-model.ts'
import { presentView } from '../../../../core/presentation/present-view.ts'
import { api, tenantPath } from './api.ts'
import { t, locale } from './i18n.ts'
import { dashboardHref, lastDashboardParams } from './route.ts'
import { TenantTabs } from './tenant-tabs.tsx'
import { usePoll } from './use-poll.ts'

const FRICTION_SHOWN = 5

function Link(props: { link: DisplayLink }) {
  const { link } = props
  return link.url ? (
    <a href={link.url} target="_blank" rel="noopener noreferrer">
      {link.label}
    </a>
  ) : (
    <span>{link.label}</span>
  )
}

const Links = (props: { links: DisplayLink[] }) => (
  <>
    {props.links.map((link, i) => (
      <>
        {i > 0 && ', '}
        <Link key={i} link={link} />
      </>
    ))}
  </>
)

/**
 * One customer, read-only, as the sidebars show them (core/presentation's display model, in the
 * console's language): identities, NPS and CSAT, the top open friction with its evidence, verbatims
 * and open tickets. Reached from the dashboard's worklist and verbatims.
 */
export function CustomerPage(props: { tenantId: string; name: string; customerId: string }) {
  const { tenantId, customerId } = props
  const path = `${tenantPath(tenantId)}/customers/${encodeURIComponent(customerId)}`
  const polled = usePoll(() => api<CustomerView>('GET', path), 60_000, path)
  const view = polled.data
  const model = useMemo(
    () => (view ? presentView(view, { locale, now: Date.now() }) : null),
    [view],
  )
  return (
    <div class="cx-customer" data-customer={customerId}>
      <h1>{props.name}</h1>
      <TenantTabs tenantId={tenantId} current="dashboard" />
      <p>
        <a href={dashboardHref(tenantId, lastDashboardParams(tenantId))} data-action="back">
          ← {t('backToDashboard')}
        </a>
      </p>
      {polled.error && <p class="cx-error">{polled.error}</p>}
      {!model && !polled.error && <p aria-live="polite">{t('loading')}</p>}
      {model && (
        <article aria-label={t('customerView')}>
          <h2 data-field="name">{model.header.name}</h2>
          <dl class="cx-facts">
            {model.header.organisation && (
              <>
                <dt>{t('organisation')}</dt>
                <dd>{model.header.organisation}</dd>
              </>
            )}
            <dt>{t('emails')}</dt>
            <dd>{model.header.emails.join(', ') || '—'}</dd>
            <dt>{model.strings.identities}</dt>
            <dd data-field="identities">
              <Links links={model.header.identities} />
            </dd>
            <dt>{model.nps.title}</dt>
            <dd data-field="nps">
              {model.nps.now
                ? `${model.nps.now.text} · ${model.nps.now.answered}`
                : (model.nps.empty?.title ?? '—')}
              {model.nps.trend && ` · ${model.nps.trend.text}`}
            </dd>
            <dt>{model.csat.title}</dt>
            <dd data-field="csat">
              {model.csat.summary ?? model.csat.empty ?? '—'}
              {model.csat.summary && ` · ${model.csat.count}`}
            </dd>
            {model.focus.risk && (
              <>
                <dt>{t('risk')}</dt>
                <dd data-field="risk" data-value={model.focus.risk.level}>
                  {model.focus.risk.label}
                </dd>
              </>
            )}
          </dl>

          <h3>
            {model.friction.title} · {model.friction.openCountText}
          </h3>
          {model.friction.empty ? (
            <p>{model.friction.empty}</p>
          ) : (
            <ul class="cx-list" data-list="friction">
              {model.friction.items.slice(0, FRICTION_SHOWN).map((item) => (
                <li key={item.id} data-kind={item.kind} data-open={item.open}>
                  <strong>{item.kindLabel}</strong> · {item.severityLabel} · {item.statusLabel} ·{' '}
                  {item.sinceText}
                  <br />
                  {item.reason}
                  {item.evidence.length > 0 && (
                    <span class="cx-help">
                      {' '}
                      — {model.strings.evidence}: <Links links={item.evidence} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}

          <h3>{model.verbatims.title}</h3>
          {model.verbatims.empty ? (
            <p>{model.verbatims.empty}</p>
          ) : (
            <ul class="cx-verbatims" data-list="verbatims">
              {model.verbatims.items.map((v) => (
                <li key={v.id}>
                  <blockquote lang={v.language ?? undefined}>{v.comment}</blockquote>
                  <p class="cx-help">
                    {v.scoreText} · {v.date} · <Link link={v.link} />
                    {v.themes.length > 0 && ` · ${v.themes.map((th) => th.label).join(', ')}`}
                  </p>
                </li>
              ))}
            </ul>
          )}

          <h3>{model.tickets.title}</h3>
          {model.tickets.empty ? (
            <p>{model.tickets.empty}</p>
          ) : (
            <ul class="cx-list" data-list="tickets">
              {model.tickets.open.map((ticket) => (
                <li key={ticket.link.label}>
                  <Link link={ticket.link} /> · {ticket.subject} · {ticket.statusLabel} ·{' '}
                  {ticket.priorityLabel} · {ticket.updated}
                </li>
              ))}
            </ul>
          )}
          {model.tickets.more && <p class="cx-help">{model.tickets.more}</p>}
          <p class="cx-help">{model.freshness.items.map((f) => f.text).join(' · ')}</p>
        </article>
      )}
    </div>
  )
}
