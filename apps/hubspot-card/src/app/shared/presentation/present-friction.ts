import type { FrictionPoint, SourceRef } from '../model/index.ts'
import type { DisplayFriction, DisplayLink } from './display-model.ts'
import { frictionReason } from './friction-reason.ts'
import { kindLabel, refLabel, SEVERITY_RANK, severityLabel } from './labels.ts'
import type { PresentContext } from './present-nps.ts'
import { relativeTime } from './relative-time.ts'
import type { Translator } from './translator.ts'

export function toLink(tr: Translator, ref: SourceRef): DisplayLink {
  return { label: refLabel(tr, ref), ref, url: ref.url ?? null }
}

/** Open first, then most severe, then newest; ties keep the view's order. */
export function orderFriction(points: readonly FrictionPoint[]): FrictionPoint[] {
  return [...points].sort(
    (a, b) =>
      Number(b.open) - Number(a.open) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Date.parse(b.since) - Date.parse(a.since),
  )
}

export function presentFriction(
  ctx: PresentContext,
  points: readonly FrictionPoint[],
): DisplayFriction {
  const { tr } = ctx
  const items = orderFriction(points).map((p) => ({
    id: p.id,
    kind: p.kind,
    kindLabel: kindLabel(tr, p.kind),
    severity: p.severity,
    severityLabel: severityLabel(tr, p.severity),
    open: p.open,
    statusLabel: tr.t(p.open ? 'friction.open' : 'friction.resolved'),
    since: p.since,
    sinceText: tr.t('friction.since', { since: relativeTime(p.since, ctx.now, tr.locale) }),
    reason: frictionReason(tr, p),
    evidence: p.evidence.map((ref) => toLink(tr, ref)),
  }))
  const openCount = items.filter((i) => i.open).length
  return {
    title: tr.t('section.friction'),
    openCount,
    openCountText: tr.t('friction.openCount', { count: openCount }),
    items,
    empty: items.length === 0 ? tr.t('friction.empty') : null,
  }
}
