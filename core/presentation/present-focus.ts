import type {
  CustomerView,
  FrictionGroup,
  FrictionKind,
  FrictionPoint,
  NextStepAction,
} from '../model/index.ts'
import type { DisplayFocus, DisplayRisk, FocusItem } from './display-model.ts'
import { frictionReason } from './friction-reason.ts'
import { kindLabel, severityLabel } from './labels.ts'
import { orderFriction, toLink } from './present-friction.ts'
import type { PresentContext } from './present-nps.ts'
import { relativeTime } from './relative-time.ts'

/** The sidebar and the card show this many groups before "N more". */
export const FOCUS_TOP = 3

type Focus = NonNullable<CustomerView['focus']>

/** The view's ranked groups in the agent's language (see core/friction/prioritise.ts). */
export function presentFocus(ctx: PresentContext, view: CustomerView): DisplayFocus {
  const { tr } = ctx
  const focus = view.focus ?? legacyFocus(view.friction)
  const items = focus.groups.map((g) => toItem(ctx, g))
  const rest = focus.total - FOCUS_TOP
  const beyond = focus.total - focus.groups.length
  return {
    title: tr.t('section.focus'),
    risk: view.focus ? presentRisk(ctx, view.focus.risk) : null,
    top: items.slice(0, FOCUS_TOP),
    more: items.slice(FOCUS_TOP),
    moreText: rest > 0 ? tr.t('focus.more', { count: rest }) : null,
    beyondText: beyond > 0 ? tr.t('focus.beyond', { count: beyond }) : null,
    agedOutText: focus.agedOut > 0 ? tr.t('focus.agedOut', { count: focus.agedOut }) : null,
    empty: items.length === 0 ? tr.t('focus.empty') : null,
  }
}

function toItem(ctx: PresentContext, g: FrictionGroup): FocusItem {
  const { tr } = ctx
  const others = g.kinds.slice(1).map((k) => kindLabel(tr, k))
  const link = g.nextStep.ticket ? toLink(tr, g.nextStep.ticket) : null
  const text = tr.t(`next.${g.nextStep.action}`, {
    ticket: link?.label ?? tr.t('focus.theTicket'),
  })
  const at = link ? text.indexOf(link.label) : -1
  const ticket = at >= 0 ? link : null
  return {
    id: g.id,
    severity: g.severity,
    severityLabel: severityLabel(tr, g.severity),
    title: g.topic ?? kindLabel(tr, g.why.kind),
    why: frictionReason(tr, g.why),
    also: others.length > 0 ? tr.t('focus.also', { kinds: others.join(', ') }) : null,
    nextStep: {
      action: g.nextStep.action,
      text,
      ticket,
      before: ticket ? text.slice(0, at) : text,
      after: ticket ? text.slice(at + ticket.label.length) : '',
    },
    meta: [
      ...(g.contacts > 0 ? [tr.t('focus.contacts', { count: g.contacts })] : []),
      tr.t('focus.lastActivity', { since: relativeTime(g.lastActivityAt, ctx.now, tr.locale) }),
    ].join(' · '),
    lastActivityAt: g.lastActivityAt,
    evidence: g.evidence.map((ref) => toLink(tr, ref)),
  }
}

function presentRisk(ctx: PresentContext, risk: Focus['risk']): DisplayRisk {
  const { tr } = ctx
  const label = tr.t(`risk.${risk.level}`)
  return {
    level: risk.level,
    label,
    title: tr.t('risk.label', { level: label }),
    reasons: risk.reasons.map((r) => tr.t(`risk.reason.${r.code}`, r.params)),
  }
}

// A view derived before `focus` existed: each open point its own group, in the old order, until
// the next derivation ranks it properly. No risk is guessed.
const LEGACY_STEP: Record<FrictionKind, NextStepAction> = {
  slow_first_reply: 'follow_up_ticket',
  escalation: 'own_escalation',
  waiting_too_long: 'answer_waiting',
  repeat_contact: 'answer_once',
  channel_hopping: 'answer_once',
  reopened_ticket: 'check_reopened_fix',
  low_csat: 'follow_up_rating',
  negative_sentiment: 'follow_up_rating',
  nps_detractor: 'close_nps_loop',
  nps_drop: 'close_nps_loop',
}

function legacyFocus(points: readonly FrictionPoint[]): Focus {
  const groups = orderFriction(points.filter((p) => p.open)).map((p): FrictionGroup => ({
    id: `group:${p.id}`,
    priority: 0,
    severity: p.severity,
    kinds: [p.kind],
    points: [p.id],
    topic: null,
    since: p.since,
    lastActivityAt: p.since,
    contacts: p.evidence.filter((ref) => ref.object === 'ticket').length,
    why: { kind: p.kind, reason: p.reason, params: p.params },
    nextStep: {
      action: LEGACY_STEP[p.kind],
      ticket: p.evidence.find((ref) => ref.object === 'ticket') ?? null,
    },
    evidence: p.evidence,
  }))
  return { groups, total: groups.length, agedOut: 0, risk: { level: 'fine', reasons: [] } }
}
