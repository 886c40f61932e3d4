import { format, isLocale, MESSAGES, type Locale, type MessageKey } from '../messages.ts'

/** The page's language, chosen by the server (`?lang=`, cookie, Accept-Language). */
export const locale: Locale = isLocale(document.documentElement.lang)
  ? document.documentElement.lang
  : 'en'

export const t = (key: MessageKey, values?: Record<string, string | number>): string =>
  values ? format(MESSAGES[locale][key], values) : MESSAGES[locale][key]

const numbers = new Intl.NumberFormat(locale)
const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' })

const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' })

/** A chart's time in the page's language; with seconds when its ticks are less than a minute apart. */
export const formatTime = (seconds: number, fine = false): string =>
  (fine ? clock : times).format(new Date(seconds * 1000))

export const outcomeLabel = (outcome: string): string =>
  isMessageKey(`outcome.${outcome}`) ? t(`outcome.${outcome}` as MessageKey) : outcome
export const triggerLabel = (trigger: string): string =>
  isMessageKey(`trigger.${trigger}`) ? t(`trigger.${trigger}` as MessageKey) : trigger
const isMessageKey = (key: string): boolean => key in MESSAGES.en

export const formatNumber = (n: number): string => numbers.format(n)

export const formatDate = (iso: string | null): string =>
  iso === null ? t('never') : dates.format(new Date(iso))

/** 42 s, 3 min, 5 h, 2 d: what a lag, a duration or an ETA reads as. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—'
  const unit = (value: number, u: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value)
  if (seconds < 90) return unit(Math.round(seconds), 'second')
  if (seconds < 90 * 60) return unit(Math.round(seconds / 60), 'minute')
  if (seconds < 48 * 3600) return unit(Math.round(seconds / 3600), 'hour')
  return unit(Math.round(seconds / 86_400), 'day')
}
