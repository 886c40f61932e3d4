import {
  AlertRules,
  alertText,
  withEnabledSince,
  type AlertCandidate,
} from '../../../core/alerts/index.ts'
import type { Connection, SqlPort, StoredAlert, TenantStore } from '../../../core/store/index.ts'
import { log } from '../log.ts'
import { webhookUrlProblem } from './alerts-url.ts'
import { postAlert, type AttemptOutcome } from './alerts-webhook.ts'
import { taskOnHubSpotContact } from './alerts-hubspot.ts'
import { noteOnOpenZendeskTicket } from './alerts-zendesk.ts'
import { sealContext, type Sealer } from './secrets.ts'

/** Attempts per alert and destination before it is given up. */
export const MAX_ATTEMPTS = 8
/** First retry after this long, doubling up to `MAX_BACKOFF_MS`. */
export const BASE_BACKOFF_MS = 10_000
const MAX_BACKOFF_MS = 10 * 60_000
/** Alerts taken per delivery pass. */
const BATCH = 20
/**
 * Pending alerts looked at per pass: held ones (their connection needs reconnecting) stay pending
 * at the front of the outbox, so a pass looks past them for alerts with work due.
 */
const SCAN = 1000
/** A held delivery is looked at again after this long. */
export const HOLD_RETRY_MS = MAX_BACKOFF_MS

export interface WebhookDestinationInput {
  url: string
  enabled?: boolean
  /** A new signing secret (returned once); the first save of a webhook always makes one. */
  rotateSecret?: boolean
}

export type AlertsRequest =
  | { op: 'get_config' }
  | {
      op: 'put_config'
      rules?: AlertRules
      /** null removes the webhook; absent leaves it as it is. */
      webhook?: WebhookDestinationInput | null
      /** An internal note + tag on the customer's open Zendesk ticket (the connection's credentials). */
      zendeskNote?: { enabled: boolean }
      /** A task on the customer's HubSpot contact (the connection's credentials). */
      hubspotTask?: { enabled: boolean }
    }
  | { op: 'log'; before?: number; limit: number }
  | { op: 'test' }

export interface DestinationSummary {
  id: string
  kind: 'webhook' | 'zendesk_note' | 'hubspot_task'
  /** The webhook's URL; null for a vendor destination. */
  url: string | null
  enabled: boolean
  createdAt: string
}

export interface AlertDelivery {
  destination: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  lastStatus: number | null
  lastError: string | null
  nextAttemptAt: string | null
  deliveredAt: string | null
}

export type AlertsResult =
  | { rules: AlertRules; destinations: DestinationSummary[]; signingSecret?: string }
  | { alerts: (StoredAlert & { deliveries: AlertDelivery[] })[]; nextCursor: number | null }
  | { id: string }
  | { refused: 'invalid'; field: string; message: string }

type DestinationRow = {
  id: string
  kind: string
  url: string
  sealed_secret: string
  enabled: number
  created_ms: number
}
type DeliveryRow = {
  alert_id: string
  destination_id: string
  status: AlertDelivery['status']
  attempts: number
  next_attempt_ms: number
  last_status: number | null
  last_error: string | null
  delivered_ms: number | null
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString())
const WEBHOOK = 'webhook'
const ZENDESK_NOTE = 'zendesk_note'
const HUBSPOT_TASK = 'hubspot_task'

/**
 * Alerts of one tenant: its rules (kept by the store, read by every derive), its destinations, and
 * delivery of the store's outbox by the alarm — at least once per destination, retried with
 * exponential backoff up to `MAX_ATTEMPTS`; receivers dedupe by the alert id (`Idempotency-Key`).
 */
export class Alerts {
  private readonly sql: SqlPort
  private readonly store: TenantStore
  private readonly sealer: Sealer
  private readonly allowLoopbackHttp: boolean
  private readonly openAuth: (tenantId: string, connection: Connection) => Promise<unknown>

  constructor(deps: {
    sql: SqlPort
    store: TenantStore
    sealer: Sealer
    allowLoopbackHttp: boolean
    /** A connection's credentials, opened inside the object as the sync opens them. */
    openAuth: (tenantId: string, connection: Connection) => Promise<unknown>
  }) {
    this.sql = deps.sql
    this.store = deps.store
    this.sealer = deps.sealer
    this.allowLoopbackHttp = deps.allowLoopbackHttp
    this.openAuth = deps.openAuth
  }

  async handle(tenantId: string, request: AlertsRequest, nowMs: number): Promise<AlertsResult> {
    switch (request.op) {
      case 'get_config':
        return { rules: this.store.getAlertRules(), destinations: this.destinations() }
      case 'put_config':
        return this.putConfig(tenantId, request, nowMs)
      case 'log':
        return this.log(request)
      case 'test':
        return { id: this.raiseTest(nowMs) }
    }
  }

  private destinations(): DestinationSummary[] {
    return this.sql
      .all<DestinationRow>('SELECT * FROM alert_destinations ORDER BY id')
      .map((row) => ({
        id: row.id,
        kind: row.kind as DestinationSummary['kind'],
        url: row.kind === 'webhook' ? row.url : null,
        enabled: row.enabled === 1,
        createdAt: iso(row.created_ms)!,
      }))
  }

  private async putConfig(
    tenantId: string,
    request: Extract<AlertsRequest, { op: 'put_config' }>,
    nowMs: number,
  ): Promise<AlertsResult> {
    let signingSecret: string | undefined
    if (request.webhook) {
      const problem = webhookUrlProblem(request.webhook.url, this.allowLoopbackHttp)
      if (problem) return { refused: 'invalid', field: 'webhook.url', message: problem }
      const existing = this.sql.all<DestinationRow>(
        'SELECT * FROM alert_destinations WHERE id = ?',
        WEBHOOK,
      )[0]
      let sealed = existing?.sealed_secret
      if (!sealed || request.webhook.rotateSecret) {
        signingSecret = `whsec_${randomHex(32)}`
        sealed = await this.sealer.seal(
          signingSecret,
          sealContext.alertDestination(tenantId, WEBHOOK),
        )
      }
      this.sql.run(
        `INSERT INTO alert_destinations (id, kind, url, sealed_secret, enabled, created_ms)
         VALUES (?, 'webhook', ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, sealed_secret = excluded.sealed_secret,
           enabled = excluded.enabled`,
        WEBHOOK,
        request.webhook.url,
        sealed,
        request.webhook.enabled === false ? 0 : 1,
        nowMs,
      )
    } else if (request.webhook === null) {
      this.sql.run('DELETE FROM alert_destinations WHERE id = ?', WEBHOOK)
    }
    const vendors = [
      [ZENDESK_NOTE, request.zendeskNote],
      [HUBSPOT_TASK, request.hubspotTask],
    ] as const
    for (const [id, setting] of vendors) {
      if (!setting) continue
      // A vendor destination has no URL or secret: it uses the connection's own credentials.
      this.sql.run(
        `INSERT INTO alert_destinations (id, kind, url, sealed_secret, enabled, created_ms)
         VALUES (?, ?, '', '', ?, ?) ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled`,
        id,
        id,
        setting.enabled ? 1 : 0,
        nowMs,
      )
    }
    if (request.rules) {
      this.store.putAlertRules(withEnabledSince(this.store.getAlertRules(), request.rules, nowMs))
    }
    return {
      rules: this.store.getAlertRules(),
      destinations: this.destinations(),
      ...(signingSecret ? { signingSecret } : {}),
    }
  }

  private log(page: { before?: number; limit: number }): AlertsResult {
    const alerts = this.store.listAlerts(page)
    const deliveries = (id: string) =>
      this.sql
        .all<DeliveryRow>(
          'SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY destination_id',
          id,
        )
        .map((row) => ({
          destination: row.destination_id,
          status: row.status,
          attempts: Number(row.attempts),
          lastStatus: row.last_status === null ? null : Number(row.last_status),
          lastError: row.last_error,
          nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_ms) : null,
          deliveredAt: iso(row.delivered_ms),
        }))
    return {
      alerts: alerts.map((alert) => ({ ...alert, deliveries: deliveries(alert.id) })),
      nextCursor: alerts.length === page.limit ? alerts[alerts.length - 1]!.seq : null,
    }
  }

  /** A made-up alert through the real delivery path, to check a destination end to end. */
  private raiseTest(nowMs: number): string {
    const partial = {
      id: `alr_test_${randomHex(8)}`,
      rule: 'nps_detractor' as const,
      customer: { id: 'cus_test', name: 'Test customer', emails: [], identities: [] },
      subject: { source: 'import' as const, account: 'test', object: 'response', id: 'test' },
      occurredAt: new Date(nowMs).toISOString(),
      score: 3,
      scale: { min: 0, max: 10 },
      previousScore: null,
      comment: 'This is a test alert from cxlens',
    }
    const alert: AlertCandidate = { ...partial, text: alertText(partial) }
    this.store.insertTestAlert(alert)
    return alert.id
  }

  /** When the alarm should deliver next: now for a new alert, else the earliest retry; null: idle. */
  nextDue(nowMs: number): number | null {
    const pending = this.store.pendingAlerts(SCAN)
    if (pending.length === 0) return null
    let next = Infinity
    for (const alert of pending) {
      const rows = this.sql.all<{ status: string; next_attempt_ms: number }>(
        'SELECT status, next_attempt_ms FROM alert_deliveries WHERE alert_id = ?',
        alert.id,
      )
      if (rows.length === 0) return nowMs
      for (const row of rows) {
        if (row.status === 'pending') next = Math.min(next, Number(row.next_attempt_ms))
      }
      // All settled but the alert not yet: the next pass settles it.
      if (rows.every((row) => row.status !== 'pending')) return nowMs
    }
    return next === Infinity ? null : Math.max(next, nowMs)
  }

  /** One delivery pass over the oldest pending alerts: due attempts made, settled alerts closed. */
  async deliver(tenantId: string, now: () => number): Promise<void> {
    const destinations = this.sql.all<DestinationRow>(
      'SELECT * FROM alert_destinations WHERE enabled = 1',
    )
    let taken = 0
    for (const alert of this.store.pendingAlerts(SCAN)) {
      if (taken >= BATCH) break
      if (!this.hasWorkDue(alert.id, now())) continue
      taken++
      if (destinations.length === 0) {
        const rows = this.sql.all('SELECT 1 FROM alert_deliveries WHERE alert_id = ?', alert.id)
        if (rows.length === 0) {
          this.store.settleAlert(alert.id, 'failed', 'no destination configured')
          continue
        }
      }
      for (const destination of destinations) {
        this.sql.run(
          `INSERT INTO alert_deliveries (alert_id, destination_id, next_attempt_ms)
           VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
          alert.id,
          destination.id,
          now(),
        )
      }
      const due = this.sql.all<DeliveryRow>(
        `SELECT * FROM alert_deliveries
         WHERE alert_id = ? AND status = 'pending' AND next_attempt_ms <= ?`,
        alert.id,
        now(),
      )
      for (const delivery of due) {
        const destination = destinations.find((d) => d.id === delivery.destination_id)
        await this.attempt(tenantId, alert, delivery, destination, now)
      }
      this.settleIfDone(alert.id)
    }
  }

  /** A new alert (no delivery yet), or one with an attempt due or every destination settled. */
  private hasWorkDue(alertId: string, nowMs: number): boolean {
    const rows = this.sql.all<{ status: string; next_attempt_ms: number }>(
      'SELECT status, next_attempt_ms FROM alert_deliveries WHERE alert_id = ?',
      alertId,
    )
    if (rows.length === 0) return true
    const pending = rows.filter((row) => row.status === 'pending')
    return pending.length === 0 || pending.some((row) => Number(row.next_attempt_ms) <= nowMs)
  }

  private async attempt(
    tenantId: string,
    alert: StoredAlert,
    delivery: DeliveryRow,
    destination: DestinationRow | undefined,
    now: () => number,
  ): Promise<void> {
    const outcome = await this.send(tenantId, alert, destination, now)
    // A held attempt (credentials to renew) is not counted: the alert waits, it is never given up.
    const held = !outcome.ok && outcome.held === true
    const attempts = Number(delivery.attempts) + (held ? 0 : 1)
    const giveUp = !outcome.ok && !held && (outcome.permanent || attempts >= MAX_ATTEMPTS)
    const backoff = held
      ? HOLD_RETRY_MS
      : Math.min(BASE_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS)
    this.sql.run(
      `UPDATE alert_deliveries SET status = ?, attempts = ?, next_attempt_ms = ?, last_status = ?,
         last_error = ?, delivered_ms = ? WHERE alert_id = ? AND destination_id = ?`,
      outcome.ok ? 'delivered' : giveUp ? 'failed' : 'pending',
      attempts,
      now() + backoff,
      outcome.status,
      outcome.ok ? null : outcome.error,
      outcome.ok ? now() : null,
      delivery.alert_id,
      delivery.destination_id,
    )
    // Ids only: the alert's customer and answer are personal data.
    log(outcome.ok ? 'info' : 'warn', 'alert_delivery', {
      tenantId,
      alertId: alert.id,
      destination: delivery.destination_id,
      attempts,
      status: outcome.status,
      outcome: outcome.ok ? 'delivered' : giveUp ? 'failed' : held ? 'held' : 'retry',
    })
  }

  private async send(
    tenantId: string,
    alert: StoredAlert,
    destination: DestinationRow | undefined,
    now: () => number,
  ): Promise<AttemptOutcome> {
    const refuse = (error: string) => ({ ok: false as const, status: null, error, permanent: true })
    if (!destination) return refuse('destination removed')
    const vendor = {
      store: this.store,
      sql: this.sql,
      openAuth: (c: Connection) => this.openAuth(tenantId, c),
    }
    if (destination.kind === ZENDESK_NOTE) return noteOnOpenZendeskTicket(vendor, alert)
    if (destination.kind === HUBSPOT_TASK) return taskOnHubSpotContact(vendor, alert, now())
    // Checked again at each attempt: a URL stored under a laxer policy is not used.
    const problem = webhookUrlProblem(destination.url, this.allowLoopbackHttp)
    if (problem) return refuse(problem)
    const context = sealContext.alertDestination(tenantId, destination.id)
    const secret = await this.sealer.open(destination.sealed_secret, context)
    return postAlert(destination.url, secret, alert, now())
  }

  private settleIfDone(alertId: string): void {
    const rows = this.sql.all<{ status: string; last_error: string | null }>(
      'SELECT status, last_error FROM alert_deliveries WHERE alert_id = ?',
      alertId,
    )
    if (rows.length === 0 || rows.some((row) => row.status === 'pending')) return
    const failed = rows.filter((row) => row.status === 'failed')
    if (failed.length === 0) this.store.settleAlert(alertId, 'delivered', null)
    else this.store.settleAlert(alertId, 'failed', failed.map((r) => r.last_error).join('; '))
  }
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}
