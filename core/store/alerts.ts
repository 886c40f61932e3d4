import { AlertRules, DEFAULT_ALERT_RULES, type AlertCandidate } from '../alerts/index.ts'
import type { AlertRuleKind } from '../alerts/rules.ts'
import type { SqlPort } from './port.ts'
import { optionalInstant, parseJson, toInstant } from './rows.ts'

/** `pending` waits for delivery; `suppressed` was history; `delivered`/`failed` are settled. */
export type AlertStatus = 'pending' | 'suppressed' | 'delivered' | 'failed'

export interface StoredAlert extends AlertCandidate {
  seq: number
  status: AlertStatus
  /** Why an alert was suppressed or failed. */
  reason: string | null
  raisedAt: string
  settledAt: string | null
}

export function getAlertRules(sql: SqlPort): AlertRules {
  const row = sql.all<{ body: string }>('SELECT body FROM alert_rules WHERE id = 1')[0]
  return row ? AlertRules.parse(parseJson(row.body)) : DEFAULT_ALERT_RULES
}

export function putAlertRules(sql: SqlPort, rules: AlertRules): void {
  sql.run(
    'INSERT INTO alert_rules (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
    JSON.stringify(AlertRules.parse(rules)),
  )
}

const RULE_KEY: Record<
  AlertRuleKind,
  'npsDetractor' | 'csatLowest' | 'criticalFriction' | 'npsDrop'
> = {
  nps_detractor: 'npsDetractor',
  csat_lowest: 'csatLowest',
  critical_friction: 'criticalFriction',
  nps_drop: 'npsDrop',
}

interface SourceHistory {
  connected: boolean
  /** When the account's first sync run started (ms), null before any. */
  firstRunMs: number | null
  /** Whether a sync run of the account has finished: its first backfill is over. */
  synced: boolean
}

function sourceHistory(sql: SqlPort, source: string, account: string): SourceHistory {
  const row = sql.all<{ connections: number; first_ms: number | null; finished: number | null }>(
    `SELECT COUNT(DISTINCT c.id) AS connections, MIN(r.started_ms) AS first_ms,
            MAX(r.finished_ms IS NOT NULL) AS finished
     FROM connections c LEFT JOIN runs r ON r.connection_id = c.id
     WHERE c.source = ? AND c.account = ?`,
    source,
    account,
  )[0]
  return {
    connected: Number(row?.connections ?? 0) > 0,
    firstRunMs: row?.first_ms === null || row?.first_ms === undefined ? null : Number(row.first_ms),
    synced: Number(row?.finished ?? 0) === 1,
  }
}

/**
 * Writes the alerts a derive raised, inside the derive's transaction; an id already there is left
 * as it is (re-deriving never re-raises). What is recorded, and how:
 * - a finding from before its rule was switched on is dropped;
 * - a finding on a connected account's record is history (`suppressed`, reason `backfill`) unless
 *   the account's first sync run has finished and the finding happened after that run started,
 *   or the rules ask for backfill alerts;
 * - anything else (imports, webhooks and syncs after the first) is `pending` for delivery.
 * Returns the ids that went pending now.
 */
export function recordAlerts(
  sql: SqlPort,
  candidates: readonly AlertCandidate[],
  rules: AlertRules,
  nowMs: number,
): string[] {
  const histories = new Map<string, SourceHistory>()
  const historyOf = (source: string, account: string) => {
    const key = `${source}\u0000${account}`
    let history = histories.get(key)
    if (!history) histories.set(key, (history = sourceHistory(sql, source, account)))
    return history
  }
  const raised: string[] = []
  for (const alert of candidates) {
    const occurredMs = Date.parse(alert.occurredAt)
    if (occurredMs < rules[RULE_KEY[alert.rule]].enabledSince) continue
    if (sql.all('SELECT 1 FROM alerts WHERE id = ?', alert.id).length > 0) continue
    const history = historyOf(alert.subject.source, alert.subject.account)
    const backfill =
      history.connected &&
      !(history.synced && history.firstRunMs !== null && occurredMs >= history.firstRunMs)
    const suppressed = backfill && !rules.raiseBackfill
    sql.run(
      `INSERT INTO alerts (id, rule, customer_id, status, reason, occurred_ms, created_ms, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      alert.id,
      alert.rule,
      alert.customer.id,
      suppressed ? 'suppressed' : 'pending',
      suppressed ? 'backfill' : null,
      occurredMs,
      nowMs,
      JSON.stringify(alert),
    )
    if (!suppressed) raised.push(alert.id)
  }
  return raised
}

type AlertRow = {
  seq: number
  status: string
  reason: string | null
  created_ms: number
  settled_ms: number | null
  body: string
}

function toStoredAlert(row: AlertRow): StoredAlert {
  return {
    ...parseJson<AlertCandidate>(row.body),
    seq: Number(row.seq),
    status: row.status as AlertStatus,
    reason: row.reason,
    raisedAt: toInstant(Number(row.created_ms)),
    settledAt: optionalInstant(row.settled_ms),
  }
}

/** The oldest alerts waiting for delivery. */
export function pendingAlerts(sql: SqlPort, limit: number): StoredAlert[] {
  return sql
    .all<AlertRow>("SELECT * FROM alerts WHERE status = 'pending' ORDER BY seq LIMIT ?", limit)
    .map(toStoredAlert)
}

export function countPendingAlerts(sql: SqlPort): number {
  const row = sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM alerts WHERE status = 'pending'")
  return Number(row[0]?.n ?? 0)
}

export function settleAlert(
  sql: SqlPort,
  id: string,
  status: 'delivered' | 'failed',
  reason: string | null,
  nowMs: number,
): void {
  sql.run(
    "UPDATE alerts SET status = ?, reason = ?, settled_ms = ? WHERE id = ? AND status = 'pending'",
    status,
    reason,
    nowMs,
    id,
  )
}

/** The alert log, newest first; `before` is the `seq` of the last alert of the previous page. */
export function listAlerts(sql: SqlPort, page: { before?: number; limit: number }): StoredAlert[] {
  return sql
    .all<AlertRow>(
      'SELECT * FROM alerts WHERE seq < ? ORDER BY seq DESC LIMIT ?',
      page.before ?? Number.MAX_SAFE_INTEGER,
      page.limit,
    )
    .map(toStoredAlert)
}

export function getAlert(sql: SqlPort, id: string): StoredAlert | null {
  const row = sql.all<AlertRow>('SELECT * FROM alerts WHERE id = ?', id)[0]
  return row ? toStoredAlert(row) : null
}

/** A test alert an admin sends: pending at once, never suppressed. */
export function insertTestAlert(sql: SqlPort, alert: AlertCandidate, nowMs: number): void {
  sql.run(
    `INSERT INTO alerts (id, rule, customer_id, status, reason, occurred_ms, created_ms, body)
     VALUES (?, ?, ?, 'pending', 'test', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    alert.id,
    alert.rule,
    alert.customer.id,
    Date.parse(alert.occurredAt),
    nowMs,
    JSON.stringify(alert),
  )
}
