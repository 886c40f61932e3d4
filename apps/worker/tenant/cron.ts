import { Cron } from 'croner'

/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC. Day of
 * month and day of week combine with OR, as in Vixie cron.
 */
export function parseCron(expression: string): Cron | null {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5) return null
  try {
    return new Cron(fields.join(' '), { timezone: 'UTC', paused: true, domAndDow: false })
  } catch {
    return null
  }
}

export const isCron = (expression: string): boolean => parseCron(expression) !== null

/** The first time strictly after `afterMs` the expression fires, or null when it never does again. */
export function nextCronRun(expression: string, afterMs: number): number | null {
  const cron = parseCron(expression)
  const next = cron?.nextRun(new Date(afterMs))
  return next ? next.getTime() : null
}
