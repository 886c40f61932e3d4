import type { Ticket, ViewTicket } from '../model/index.ts'

export function toViewTicket(t: Ticket): ViewTicket {
  return {
    ref: t.ref,
    subject: t.subject,
    status: t.status,
    sourceStatus: t.sourceStatus,
    priority: t.priority,
    channel: t.channel,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  }
}
