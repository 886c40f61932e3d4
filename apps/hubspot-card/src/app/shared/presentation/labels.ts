import type {
  FrictionKind,
  Severity,
  SourceRef,
  TicketPriority,
  TicketStatus,
} from '../model/index.ts'
import type { Translator } from './translator.ts'

/** Labels for the closed vocabularies of the model; open ones (channels, objects) fall back. */
export function categoryLabel(tr: Translator, category: string): string {
  const key = `category.${category}`
  return tr.has(key) ? tr.t(key) : category
}

export const severityLabel = (tr: Translator, s: Severity): string => tr.t(`severity.${s}`)
export const kindLabel = (tr: Translator, k: FrictionKind): string => tr.t(`kind.${k}`)
export const statusLabel = (tr: Translator, s: TicketStatus): string => tr.t(`status.${s}`)

export function priorityLabel(tr: Translator, p: TicketPriority | null): string {
  return tr.t(p === null ? 'priority.none' : `priority.${p}`)
}

export function channelLabel(tr: Translator, channel: string): string {
  const key = `channel.${channel.toLowerCase()}`
  return tr.has(key) ? tr.t(key) : channel
}

export function sourceLabel(tr: Translator, source: SourceRef['source']): string {
  return tr.t(`source.${source}`)
}

export function objectLabel(tr: Translator, object: string): string {
  const key = `object.${object}`
  return tr.has(key) ? tr.t(key) : tr.t('object.other')
}

/** "Zendesk ticket #42" / "Zendesk ticket n° 42". */
export function refLabel(tr: Translator, ref: SourceRef): string {
  return tr.t('evidence.label', {
    source: sourceLabel(tr, ref.source),
    object: objectLabel(tr, ref.object),
    id: ref.id,
  })
}

/** Severity order, most serious first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 }
