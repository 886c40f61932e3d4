import {
  refKey,
  type CustomerView,
  type FrictionSettings,
  type Source,
  type SurveyKind,
  type SurveyResponse,
  type VerbatimTheme,
} from '../model/index.ts'
import { toVerbatim, unhappyComments } from '../verbatims/index.ts'

/** One unhappy answer's comment as the verbatims dashboard lists it. */
export interface VerbatimRow {
  /** The answer's refKey: with the customer id, the row's key. */
  responseKey: string
  customerName: string
  source: Source
  /** The answer's instant as `toISOString()` gives it, so text order is time order. */
  at: string
  kind: SurveyKind
  score: number
  scale: { min: number; max: number }
  comment: string
  language: 'en' | 'fr' | null
  themes: VerbatimTheme[]
}

/**
 * Every commented detractor / unsatisfied answer of one customer (the view's own selection,
 * `core/verbatims`, uncapped), from the answers the dashboards count for this customer. The
 * view's newest ones already carry their language and themes: those are not worked out twice.
 */
export function verbatimRows(
  answers: readonly SurveyResponse[],
  view: Pick<CustomerView, 'customer' | 'verbatims'>,
  settings: Pick<FrictionSettings, 'npsDetractorMax' | 'lowCsatNormalisedMax'>,
): VerbatimRow[] {
  const themed = new Map(view.verbatims?.items.map((v) => [refKey(v.ref), v]))
  return unhappyComments(answers, settings).map((answer) => {
    const responseKey = refKey(answer.ref)
    const v = themed.get(responseKey) ?? toVerbatim(answer)
    return {
      responseKey,
      customerName: view.customer.displayName,
      source: answer.ref.source,
      at: new Date(v.at).toISOString(),
      kind: v.kind,
      score: v.score,
      scale: v.scale,
      comment: v.comment,
      language: v.language,
      themes: v.themes,
    }
  })
}
