import { withAuthorization, type HubSpotCredentials } from './auth.ts'

/** HubSpot-defined association type of task → contact (docs: "Associations v4 › type IDs"). */
const TASK_TO_CONTACT = 204

/**
 * Creates a task on a contact: `POST /crm/v3/objects/tasks` with `hs_timestamp` (required: the
 * due date), subject, body and the task → contact association (docs: "CRM API | Tasks").
 */
export async function createHubSpotTask(input: {
  baseUrl: string
  auth: HubSpotCredentials
  contactId: string
  subject: string
  body: string
  dueAt: Date
}): Promise<{ ok: boolean; status: number }> {
  const payload = {
    properties: {
      hs_timestamp: input.dueAt.toISOString(),
      hs_task_subject: input.subject,
      hs_task_body: input.body,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
    },
    associations: [
      {
        to: { id: input.contactId },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_CONTACT }],
      },
    ],
  }
  const response = await withAuthorization(input.auth, (authorization) =>
    fetch(`${input.baseUrl}/crm/v3/objects/tasks`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    }),
  )
  await response.body?.cancel()
  return { ok: response.ok, status: response.status }
}
