import type { Context, Hono } from 'hono'
import type { MutationResult } from './mutate.ts'
import type { SandboxState } from './state.ts'
import type { ZTicket } from './types.ts'

/**
 * The webhook and trigger subset the connect page uses (docs: "Webhooks" API, "Triggers" API,
 * "Verifying webhook authenticity"): create a webhook, read its signing secret, create a trigger
 * whose `notification_webhook` action calls it; `deliver(mutation)` then POSTs signed requests the
 * way Zendesk would after those changes. Trigger conditions understood: `update_type` (Create,
 * Change) and `status` (is, is_not); any other condition is refused rather than guessed.
 */

interface Webhook {
  id: string
  name: string
  status: 'active' | 'inactive'
  endpoint: string
  http_method: string
  request_format: string
  subscriptions: string[]
  created_at: string
  created_by: string
  updated_at: string
  updated_by: string
}

interface Condition {
  field: string
  operator: string
  value: unknown
}

interface Trigger {
  id: number
  url: string
  title: string
  raw_title: string
  description: string | null
  active: boolean
  position: number
  default: boolean
  category_id: string | null
  conditions: { all: Condition[]; any: Condition[] }
  actions: { field: string; value: unknown }[]
  created_at: string
  updated_at: string
}

export interface Delivery {
  webhookId: string
  endpoint: string
  /** The endpoint's answer, or null when it could not be reached. */
  status: number | null
  body: string
  headers: Record<string, string>
}

const CONDITION_FIELDS = new Set(['update_type', 'status'])

/** Webhook API errors: `{ errors: [{ code, title, source }] }` [unverified: wording]. */
function webhookError(c: Context, pointer: string, title: string) {
  return c.json({ errors: [{ code: 'InvalidValue', title, source: { pointer } }] }, 400)
}

function recordInvalid(c: Context, description: string) {
  return c.json(
    {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { base: [{ description }] },
    },
    422,
  )
}

export function createWebhookRoutes(state: SandboxState, options: { fetch?: typeof fetch } = {}) {
  const webhooks = new Map<string, Webhook & { secret: string }>()
  const triggers = new Map<number, Trigger>()
  let nextTrigger = 360_000_001
  const iso = () => new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const random = (bytes: number) =>
    btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))))
  const ulid = () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    let time = state.now()
    let head = ''
    for (let i = 0; i < 10; i++, time = Math.floor(time / 32)) head = alphabet[time % 32] + head
    const tail = [...crypto.getRandomValues(new Uint8Array(16))]
      .map((b) => alphabet[b % 32])
      .join('')
    return head + tail
  }
  const publicWebhook = ({ secret: _secret, ...webhook }: Webhook & { secret: string }) => webhook

  function register(app: Hono, baseUrl: (c: Context) => string) {
    app.post('/api/v2/webhooks', async (c) => {
      const body = (await c.req.json().catch(() => null)) as {
        webhook?: Record<string, unknown>
      } | null
      const w = body?.webhook
      if (!w || typeof w !== 'object') return webhookError(c, '/webhook', 'webhook is required')
      if (typeof w.name !== 'string' || !w.name)
        return webhookError(c, '/webhook/name', 'Name is required')
      if (typeof w.endpoint !== 'string' || !URL.canParse(w.endpoint)) {
        return webhookError(c, '/webhook/endpoint', 'Endpoint must be a valid URL')
      }
      const method = w.http_method ?? 'POST'
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(String(method))) {
        return webhookError(c, '/webhook/http_method', 'Invalid http_method')
      }
      const format = w.request_format ?? 'json'
      if (!['json', 'xml', 'form_encoded'].includes(String(format))) {
        return webhookError(c, '/webhook/request_format', 'Invalid request_format')
      }
      const status = w.status ?? 'active'
      if (status !== 'active' && status !== 'inactive') {
        return webhookError(c, '/webhook/status', 'Invalid status')
      }
      const subs = w.subscriptions
      if (!Array.isArray(subs) || subs.length === 0 || subs.some((s) => typeof s !== 'string')) {
        return webhookError(c, '/webhook/subscriptions', 'At least one subscription is required')
      }
      const conditional = subs.includes('conditional_ticket_events')
      if (conditional && subs.length > 1) {
        return webhookError(
          c,
          '/webhook/subscriptions',
          'Trigger webhooks cannot subscribe to events',
        )
      }
      if (!conditional && subs.some((s) => !String(s).startsWith('zen:event-type:'))) {
        return webhookError(c, '/webhook/subscriptions', 'Unknown subscription')
      }
      const now = iso()
      const webhook = {
        id: ulid(),
        name: w.name,
        status,
        endpoint: w.endpoint,
        http_method: String(method),
        request_format: String(format),
        subscriptions: subs as string[],
        created_at: now,
        created_by: 'admin',
        updated_at: now,
        updated_by: 'admin',
        secret: random(32),
      } as Webhook & { secret: string }
      webhooks.set(webhook.id, webhook)
      return c.json({ webhook: publicWebhook(webhook) }, 201)
    })

    app.get('/api/v2/webhooks/:id/signing_secret', (c) => {
      const webhook = webhooks.get(c.req.param('id'))
      if (!webhook)
        return c.json({ errors: [{ code: 'WebhookNotFound', title: 'Webhook not found' }] }, 404)
      return c.json({ signing_secret: { algorithm: 'SHA256', secret: webhook.secret } })
    })

    app.get('/api/v2/webhooks/:id', (c) => {
      const webhook = webhooks.get(c.req.param('id'))
      if (!webhook)
        return c.json({ errors: [{ code: 'WebhookNotFound', title: 'Webhook not found' }] }, 404)
      return c.json({ webhook: publicWebhook(webhook) })
    })

    app.post('/api/v2/triggers', async (c) => {
      const body = (await c.req.json().catch(() => null)) as {
        trigger?: Record<string, unknown>
      } | null
      const t = body?.trigger
      if (!t || typeof t !== 'object') return recordInvalid(c, 'trigger is required')
      if (typeof t.title !== 'string' || !t.title) return recordInvalid(c, 'Title: cannot be blank')
      const conditions = (t.conditions ?? null) as { all?: Condition[]; any?: Condition[] } | null
      const all = conditions?.all ?? []
      const any = conditions?.any ?? []
      if (!conditions || (all.length === 0 && any.length === 0)) {
        return recordInvalid(c, 'Conditions: must have at least one condition')
      }
      const unknown = [...all, ...any].find((cond) => !CONDITION_FIELDS.has(cond?.field))
      if (unknown) return recordInvalid(c, `Sandbox does not evaluate condition ${unknown.field}`)
      const actions = t.actions
      if (!Array.isArray(actions) || actions.length === 0) {
        return recordInvalid(c, 'Actions: must have at least one action')
      }
      for (const action of actions as { field?: string; value?: unknown }[]) {
        if (action.field !== 'notification_webhook') continue
        const [id, payload] = Array.isArray(action.value) ? action.value : []
        const webhook = webhooks.get(String(id))
        if (!webhook || !webhook.subscriptions.includes('conditional_ticket_events')) {
          return recordInvalid(c, `Webhook ${String(id)} is not a trigger webhook`)
        }
        if (typeof payload !== 'string') return recordInvalid(c, 'Webhook body must be a string')
      }
      const now = iso()
      const id = nextTrigger++
      const trigger: Trigger = {
        id,
        url: `${baseUrl(c)}/api/v2/triggers/${id}.json`,
        title: t.title,
        raw_title: t.title,
        description: typeof t.description === 'string' ? t.description : null,
        active: t.active !== false,
        position: triggers.size + 1,
        default: false,
        category_id: typeof t.category_id === 'string' ? t.category_id : null,
        conditions: { all, any },
        actions: actions as Trigger['actions'],
        created_at: now,
        updated_at: now,
      }
      triggers.set(id, trigger)
      return c.json({ trigger }, 201)
    })
  }

  /** POSTs what Zendesk would send after `mutation`, signed with each webhook's secret. */
  async function deliver(mutation: MutationResult): Promise<Delivery[]> {
    const deliveries: Delivery[] = []
    const ticket = (id: number) => state.account.tickets.get(id)
    const changes: { ticket: ZTicket; created: boolean }[] = [
      ...mutation.tickets.created.map((id) => ({ ticket: ticket(id)!, created: true })),
      ...mutation.tickets.updated.map((id) => ({ ticket: ticket(id)!, created: false })),
    ].filter((change) => change.ticket)
    for (const trigger of [...triggers.values()].sort((a, b) => a.position - b.position)) {
      if (!trigger.active) continue
      for (const change of changes) {
        if (!matches(trigger, change.ticket, change.created)) continue
        for (const action of trigger.actions) {
          if (action.field !== 'notification_webhook' || !Array.isArray(action.value)) continue
          const webhook = webhooks.get(String(action.value[0]))
          if (!webhook || webhook.status !== 'active') continue
          deliveries.push(await send(webhook, render(String(action.value[1]), change.ticket)))
        }
      }
    }
    for (const webhook of webhooks.values()) {
      if (webhook.status !== 'active') continue
      for (const event of events(mutation, changes)) {
        if (!webhook.subscriptions.includes(event.type)) continue
        deliveries.push(await send(webhook, JSON.stringify(event)))
      }
    }
    return deliveries
  }

  function events(mutation: MutationResult, changes: { ticket: ZTicket; created: boolean }[]) {
    const base = () => ({
      account_id: 1,
      id: crypto.randomUUID(),
      time: iso(),
      zendesk_event_version: '2022-11-06',
    })
    return [
      ...changes.map(({ ticket, created }) => ({
        ...base(),
        type: created ? 'zen:event-type:ticket.created' : 'zen:event-type:ticket.status_changed',
        subject: `zen:ticket:${ticket.id}`,
        detail: {
          id: String(ticket.id),
          status: ticket.status.toUpperCase(),
          requester_id: String(ticket.requester_id),
        },
        event: created ? {} : { current: ticket.status.toUpperCase() },
      })),
      ...mutation.users.merged.map(({ loser, winner }) => ({
        ...base(),
        type: 'zen:event-type:user.merged',
        subject: `zen:user:${winner}`,
        detail: { id: String(winner) },
        event: { merged_user_id: String(loser) },
      })),
    ]
  }

  async function send(webhook: Webhook & { secret: string }, body: string): Promise<Delivery> {
    const timestamp = iso()
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(webhook.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const mac = new Uint8Array(
      await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(timestamp + body)),
    )
    const headers = {
      'content-type': 'application/json',
      'x-zendesk-webhook-id': webhook.id,
      'x-zendesk-webhook-signature': btoa(String.fromCharCode(...mac)),
      'x-zendesk-webhook-signature-timestamp': timestamp,
    }
    let status: number | null = null
    try {
      const response = await (options.fetch ?? fetch)(webhook.endpoint, {
        method: webhook.http_method,
        headers,
        body,
      })
      status = response.status
      await response.body?.cancel()
    } catch {
      status = null
    }
    return { webhookId: webhook.id, endpoint: webhook.endpoint, status, body, headers }
  }

  return {
    register,
    deliver,
    /** Replaces the transport deliveries use (tests route them in process). */
    setFetch(next: typeof fetch) {
      options.fetch = next
    },
    list: () => ({
      webhooks: [...webhooks.values()].map(publicWebhook),
      triggers: [...triggers.values()],
    }),
  }
}

function matches(trigger: Trigger, ticket: ZTicket, created: boolean): boolean {
  const test = (cond: Condition) => {
    if (cond.field === 'update_type') return (cond.value === 'Create') === created
    const equal = String(cond.value) === ticket.status
    return cond.operator === 'is_not' ? !equal : equal
  }
  const { all, any } = trigger.conditions
  return all.every(test) && (any.length === 0 || any.some(test))
}

/** Placeholders `{{ticket.id}}`, `{{ticket.status}}`, `{{ticket.updated_at}}`, `{{ticket.requester.id}}`. */
function render(template: string, ticket: ZTicket): string {
  return template.replace(/\{\{\s*ticket\.([a-z_.]+)\s*\}\}/g, (whole, path: string) => {
    if (path === 'requester.id') return String(ticket.requester_id)
    const value = (ticket as unknown as Record<string, unknown>)[path]
    return value === undefined || value === null ? '' : String(value)
  })
}
