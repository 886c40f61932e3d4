import type { CustomerView } from '../model/index.ts'
import type { DisplayFreshness, DisplayModel, DisplayTickets } from './display-model.ts'
import { channelLabel, priorityLabel, sourceLabel, statusLabel } from './labels.ts'
import { presentCsat } from './present-csat.ts'
import { presentFocus } from './present-focus.ts'
import { presentFriction, toLink } from './present-friction.ts'
import { presentNps, type PresentContext } from './present-nps.ts'
import { presentVerbatims } from './present-verbatims.ts'
import { relativeTime } from './relative-time.ts'
import { createTranslator, resolveLocale, type Locale } from './translator.ts'

export interface PresentOptions {
  /** The agent's locale, e.g. `fr-FR`; unsupported ones fall back to English. */
  locale: Locale | string
  now: number
  /** Time zone of displayed dates; the runtime's own when absent. */
  timeZone?: string
}

const STALE_AFTER_MS = 24 * 3_600_000

function presentTickets(ctx: PresentContext, tickets: CustomerView['tickets']): DisplayTickets {
  const { tr } = ctx
  const rest = tickets.total - tickets.open.length
  return {
    title: tr.t('section.tickets'),
    open: tickets.open.map((t) => ({
      link: toLink(tr, t.ref),
      subject: t.subject,
      sourceLabel: sourceLabel(tr, t.ref.source),
      statusLabel: statusLabel(tr, t.status),
      priority: t.priority,
      priorityLabel: priorityLabel(tr, t.priority),
      channelLabel: channelLabel(tr, t.channel),
      opened: tr.t('ticket.opened', { since: relativeTime(t.createdAt, ctx.now, tr.locale) }),
      updated: tr.t('ticket.updated', { since: relativeTime(t.updatedAt, ctx.now, tr.locale) }),
    })),
    more: rest > 0 ? tr.t('tickets.more', { count: rest }) : null,
    empty: tickets.open.length === 0 ? tr.t('tickets.empty') : null,
  }
}

function presentFreshness(
  ctx: PresentContext,
  freshness: CustomerView['freshness'],
): DisplayFreshness {
  const { tr } = ctx
  const items = freshness.map((f) => {
    const source = sourceLabel(tr, f.source)
    const stale = f.lastSyncedAt === null || ctx.now - Date.parse(f.lastSyncedAt) > STALE_AFTER_MS
    const text =
      f.lastSyncedAt === null
        ? tr.t('freshness.never', { source, account: f.account })
        : tr.t('freshness.synced', {
            source,
            account: f.account,
            since: relativeTime(f.lastSyncedAt, ctx.now, tr.locale),
          })
    return { source: f.source, account: f.account, text, stale }
  })
  return {
    title: tr.t('section.freshness'),
    items,
    staleWarning: items.some((i) => i.stale) ? tr.t('freshness.stale') : null,
    empty: items.length === 0 ? tr.t('freshness.none') : null,
  }
}

/** The customer view as both sidebars show it, in the agent's language. Pure. */
export function presentView(view: CustomerView, options: PresentOptions): DisplayModel {
  const tr = createTranslator(resolveLocale(options.locale))
  const ctx: PresentContext = { tr, now: options.now, timeZone: options.timeZone }
  const { customer } = view
  return {
    locale: tr.locale,
    title: tr.t('app.title'),
    header: {
      name: customer.displayName,
      organisation: customer.organisation?.name ?? null,
      emails: customer.emails,
      phones: customer.phones,
      identities: customer.identities.map((ref) => toLink(tr, ref)),
    },
    nps: presentNps(ctx, view.nps),
    csat: presentCsat(ctx, view.csat),
    friction: presentFriction(ctx, view.friction),
    focus: presentFocus(ctx, view),
    verbatims: presentVerbatims(ctx, view),
    tickets: presentTickets(ctx, view.tickets),
    freshness: presentFreshness(ctx, view.freshness),
    strings: {
      evidence: tr.t('friction.evidence'),
      newTab: tr.t('link.newTab'),
      noComment: tr.t('nps.noComment'),
      identities: tr.t('section.identities'),
      nextStep: tr.t('focus.next'),
      less: tr.t('focus.less'),
    },
  }
}
