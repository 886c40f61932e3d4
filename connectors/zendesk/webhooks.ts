import { z } from 'zod'
import { instantOf, type RefreshTiming, type WebhookEvent } from '../kit/webhook-event.ts'
import { zendeskRef } from './mappers/refs.ts'

/**
 * Zendesk's incremental exports never return the most recent minute [ref: Zendesk "Incremental
 * exports", start_time]: a refresh sees an event a minute later; one refresh covers 30 s of them.
 */
export const ZENDESK_REFRESH_TIMING: RefreshTiming = { visibleAfterMs: 60_000, windowMs: 30_000 }

const Id = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).transform(String)

/**
 * A Zendesk event subscription delivery: `{type: 'zen:event-type:user.merged', id, time, subject,
 * detail: {id, …}, event: {…}}` [ref: Zendesk "Webhook event types", "User events"].
 */
const EventSubscription = z.looseObject({
  type: z.string().startsWith('zen:event-type'),
  id: z.string().min(1).max(200).optional(),
  time: z.string().optional(),
  detail: z.looseObject({ id: Id.optional() }).optional(),
  event: z.looseObject({ user: z.looseObject({ id: Id }).optional() }).optional(),
})

/**
 * What cxlens asks a trigger or automation webhook to send (any JSON works: it only asks for a
 * refresh): `{"type": "ticket.updated", "ticket_id": "{{ticket.id}}", …}`.
 */
const TriggerPayload = z.looseObject({ type: z.string().max(200).optional() })

/** The docs spell some types `zen:event-type/user.merged`: one spelling here. */
const normaliseType = (type: string) => type.replace(/^zen:event-type\//, 'zen:event-type:')

/**
 * A Zendesk webhook body → the events to apply. `user.merged` names the loser (`detail.id`) and the
 * user it was merged into (`event.user.id` [unverified: tolerate its absence]): a merge record, which
 * the users export never says. Everything else (triggers, other events) asks for a refresh.
 * The invocation id (header `X-Zendesk-Webhook-Invocation-Id`) keys a delivery without its own id.
 */
export function zendeskEvents(
  account: string,
  body: unknown,
  header: (name: string) => string | undefined,
  nowMs: number,
): WebhookEvent[] {
  const invocationId = header('x-zendesk-webhook-invocation-id') ?? null
  const subscription = EventSubscription.safeParse(body)
  if (subscription.success) {
    const e = subscription.data
    const id = e.id ?? invocationId
    const key = id ? `zendesk:${account}:${id}` : null
    const loser = e.detail?.id
    const winner = e.event?.user?.id
    if (
      normaliseType(e.type) === 'zen:event-type:user.merged' &&
      loser &&
      winner &&
      loser !== winner
    ) {
      const at = instantOf(e.time, nowMs)
      const from = zendeskRef(account, 'user', loser)
      const into = zendeskRef(account, 'user', winner)
      // The survivor's identities and tickets changed too: fetch it again.
      return [{ key, records: [{ kind: 'merge', from, into, at }], refresh: true }]
    }
    return [{ key, records: [], refresh: true }]
  }
  if (!TriggerPayload.safeParse(body).success) return []
  const key = invocationId ? `zendesk:${account}:${invocationId}` : null
  return [{ key, records: [], refresh: true }]
}
