import type { Account } from './types.ts'
import * as V from './vocab.ts'

/**
 * Ticket sizes as real accounts have them: a long first message and many custom fields (the
 * default generator's tickets are about 780 bytes). Off by default (tests stay small and fast); the
 * workerd benchmark turns it on. Deterministic from the ticket id, and the long texts are shared
 * strings, so 300,000 tickets cost the sandbox little memory while each one weighs 2–8 KB on the wire.
 */
export interface TicketBodyOptions {
  /** Serialised ticket size range, bytes (approximate: ±5 %). */
  minBytes: number
  maxBytes: number
}

/** Text custom fields a real form carries (order notes, product, environment…). */
const TEXT_FIELD_IDS = Array.from({ length: 12 }, (_, i) => 360006000001 + i)
const VARIANTS = 64
const FIELD_OVERHEAD = TEXT_FIELD_IDS.length * 2 * 32

const SENTENCES = [
  ...V.DESCRIPTION_EN,
  'The order confirmation arrived but the tracking link shows no movement since Monday.',
  'I attached the screenshots of the error message and the steps I followed before it happened.',
  'Our team uses the integration every day and this blocks the whole invoicing workflow.',
  'I already cleared the cache, tried another browser and restarted the device twice.',
]

function text(bytes: number, salt: number): string {
  let out = ''
  for (let i = salt; out.length < bytes; i++) out += `${SENTENCES[i % SENTENCES.length]} `
  return out.slice(0, bytes)
}

/** Rewrites every ticket's description and text fields to reach a size in the range. */
export function applyTicketBodies(account: Account, options: TicketBodyOptions): void {
  const span = Math.max(0, options.maxBytes - options.minBytes)
  const step = options.maxBytes / (VARIANTS - 1)
  // Variant v adds about v × step bytes: two thirds in the description, the rest in the text
  // fields (sent twice: `custom_fields` and its alias `fields`, Tickets API "Ticket fields").
  const descriptions: string[] = []
  const fieldTexts: string[] = []
  for (let v = 0; v < VARIANTS; v++) {
    const extra = v * step
    descriptions.push(text(Math.round((extra * 2) / 3), v))
    fieldTexts.push(text(Math.round(extra / 6 / TEXT_FIELD_IDS.length), v + 3))
  }
  for (const ticket of account.tickets.values()) {
    const target = options.minBytes + ((ticket.id * 2654435761) % 1000) * (span / 999)
    // The text fields' own JSON (`{"id":…,"value":""}`, twice) comes on top of their texts.
    const base = JSON.stringify({ ...ticket, description: '' }).length + FIELD_OVERHEAD
    const v = Math.min(VARIANTS - 1, Math.max(0, Math.round((target - base) / step)))
    ticket.description = descriptions[v]!
    ticket.custom_fields = [
      ...ticket.custom_fields.filter((f) => !TEXT_FIELD_IDS.includes(f.id)),
      ...TEXT_FIELD_IDS.map((id) => ({ id, value: fieldTexts[v]! })),
    ]
    ticket.fields = ticket.custom_fields
  }
}
