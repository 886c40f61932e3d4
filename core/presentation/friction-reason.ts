import type { FrictionPoint } from '../model/index.ts'
import { placeholders, type Params, type Translator } from './translator.ts'

type Point = Pick<FrictionPoint, 'kind' | 'params' | 'reason'>

/** Parameters the rules give under another name or unit, filled in so templates can use them. */
function withDerived(tr: Translator, { kind, params }: Point): Params {
  const out: Params = { ...params }
  const minutes = params.minutes
  if (out.hours === undefined && typeof minutes === 'number')
    out.hours = Math.round(minutes / 6) / 10
  if (out.duration === undefined && typeof out.hours === 'number') {
    out.duration = duration(tr, out.hours)
  }
  if (kind === 'reopened_ticket' && typeof params.reopens === 'number') out.count = params.reopens
  if (kind === 'channel_hopping' && out.count === undefined) {
    if (typeof params.channelCount === 'number') out.count = params.channelCount
    else if (typeof params.channels === 'string') {
      out.count = params.channels.split(',').filter(Boolean).length
    }
  }
  if (kind === 'repeat_contact' || kind === 'channel_hopping') {
    // A chain's own span; older points carried only the rule's window.
    const days = typeof params.days === 'number' ? params.days : params.windowDays
    if (typeof days === 'number') out.span = tr.t('duration.days', { count: Math.max(1, days) })
  }
  if (typeof params.survey === 'string' && tr.has(`survey.${params.survey}`)) {
    out.survey = tr.t(`survey.${params.survey}` as Parameters<Translator['t']>[0])
  }
  return out
}

/** Hours up to two days (`61.3 h`), whole days past that (`101 days`): 2,419 h reads as nothing. */
function duration(tr: Translator, hours: number): string {
  return hours < 48
    ? tr.t('duration.hours', { hours })
    : tr.t('duration.days', { count: Math.round(hours / 24) })
}

/** The template of a kind, or of one of its variants the params point to. */
function templateKey({ kind, params }: Point): string {
  if (kind === 'slow_first_reply' && params.replied === 0)
    return 'reason.slow_first_reply.unanswered'
  if (kind === 'escalation' && typeof params.tag === 'string' && params.tag !== '') {
    return 'reason.escalation.tag'
  }
  if (kind === 'escalation' && params.priority === 'urgent') return 'reason.escalation.urgent'
  if (kind === 'channel_hopping' && typeof params.contacts === 'number') {
    return Number(params.channelCount) >= 2
      ? 'reason.channel_hopping.chain'
      : 'reason.channel_hopping.tools'
  }
  return `reason.${kind}`
}

/**
 * The friction point's one-line reason in the agent's language, from `kind + params`. When the rule
 * gave fewer parameters than the template needs: the rule's own English line in English, a generic
 * line of that kind otherwise.
 */
export function frictionReason(tr: Translator, point: Point): string {
  const params = withDerived(tr, point)
  const key = templateKey(point)
  if (tr.has(key)) {
    const line = tr.t(key, params)
    if (placeholders(line).length === 0) return line
  }
  if (tr.locale === 'en' && point.reason.trim() !== '') return point.reason
  return tr.t(`reason.${point.kind}.generic` as Parameters<Translator['t']>[0])
}
