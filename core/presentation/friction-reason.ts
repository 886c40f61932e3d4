import type { FrictionPoint } from '../model/index.ts'
import { placeholders, type Params, type Translator } from './translator.ts'

/** Parameters a rule may give under another name or unit, filled in so templates can use them. */
function withDerived(params: Params): Params {
  const out: Params = { ...params }
  const minutes = params.minutes ?? params.firstReplyMinutes ?? params.waitMinutes
  if (out.hours === undefined && typeof minutes === 'number')
    out.hours = Math.round(minutes / 6) / 10
  if (out.max === undefined && typeof params.scaleMax === 'number') out.max = params.scaleMax
  if (out.count === undefined && typeof params.reopens === 'number') out.count = params.reopens
  if (out.count === undefined && typeof params.channels === 'string') {
    out.count = params.channels.split(',').filter(Boolean).length
  }
  if (out.count === undefined && typeof params.channels === 'number') out.count = params.channels
  return out
}

/**
 * The friction point's one-line reason in the agent's language, from `kind + params`. When the rule
 * gave fewer parameters than the template needs: the rule's own English line in English, a generic
 * line of that kind otherwise.
 */
export function frictionReason(
  tr: Translator,
  point: Pick<FrictionPoint, 'kind' | 'params' | 'reason'>,
): string {
  const params = withDerived(point.params)
  const key = `reason.${point.kind}`
  if (tr.has(key)) {
    const template = tr.t(key, params)
    if (placeholders(template).length === 0) return template
  }
  if (tr.locale === 'en' && point.reason.trim() !== '') return point.reason
  return tr.t(`reason.${point.kind}.generic` as Parameters<Translator['t']>[0])
}
