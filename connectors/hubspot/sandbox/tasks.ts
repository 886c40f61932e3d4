import type { Hono } from 'hono'
import { z } from 'zod'
import type { Portal } from './portal.ts'
import { errorBody } from './serialize.ts'

/** A task created through `POST /crm/v3/objects/tasks`, as the sandbox keeps it for assertions. */
export interface SandboxTask {
  id: string
  properties: Record<string, string>
  contactIds: string[]
}

const created = new WeakMap<Hono, SandboxTask[]>()

/** The tasks created on a sandbox app, oldest first. */
export function createdTasks(app: Hono): SandboxTask[] {
  return created.get(app) ?? []
}

/** HubSpot-defined association type of task → contact (docs: "Associations v4 › type IDs"). */
export const TASK_TO_CONTACT = 204

// The subset we send, strictly (docs: "CRM API | Tasks" › create: `hs_timestamp` is required;
// unknown properties and association types are refused here rather than guessed).
const CreateTask = z.strictObject({
  properties: z.strictObject({
    hs_timestamp: z.union([z.iso.datetime({ offset: true }), z.string().regex(/^\d+$/)]),
    hs_task_subject: z.string().min(1),
    hs_task_body: z.string().optional(),
    hs_task_status: z.enum(['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED']).optional(),
    hs_task_priority: z.enum(['LOW', 'MEDIUM', 'HIGH']).optional(),
  }),
  associations: z
    .array(
      z.strictObject({
        to: z.strictObject({ id: z.string().min(1) }),
        types: z
          .array(
            z.strictObject({
              associationCategory: z.literal('HUBSPOT_DEFINED'),
              associationTypeId: z.literal(TASK_TO_CONTACT),
            }),
          )
          .length(1),
      }),
    )
    .optional(),
})

export function registerTasks(app: Hono, portal: Portal, now: () => number): void {
  app.post('/crm/v3/objects/tasks', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json(errorBody('VALIDATION_ERROR', 'Invalid JSON'), 400)
    }
    const parsed = CreateTask.safeParse(body)
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
      return c.json(errorBody('VALIDATION_ERROR', message), 400)
    }
    const contactIds = (parsed.data.associations ?? []).map((a) => a.to.id)
    const missing = contactIds.find(
      (id) => !portal.records.contacts.get(id) || portal.records.contacts.get(id)!.archived,
    )
    if (missing) return c.json(errorBody('VALIDATION_ERROR', `No contact ${missing}`), 400)
    const list = created.get(app) ?? []
    const at = new Date(now()).toISOString()
    const task: SandboxTask = {
      id: String(900_000_000 + list.length + 1),
      properties: {
        ...parsed.data.properties,
        hs_task_status: parsed.data.properties.hs_task_status ?? 'NOT_STARTED',
      },
      contactIds,
    }
    list.push(task)
    created.set(app, list)
    return c.json(
      { id: task.id, properties: task.properties, createdAt: at, updatedAt: at, archived: false },
      201,
    )
  })
}
