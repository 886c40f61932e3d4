// What the store's HubSpot records should say, computed apart from the sync: each live record of
// the sandbox's ground truth, served the way the list endpoint serves it, run through the
// connector's own mappers, hashed. Runs in the sandbox process (bench/hubspot-child.ts).
import { DEFAULT_SCALES } from '../connectors/hubspot/mappers/scales.ts'
import type { createHubSpotSandbox } from '../connectors/hubspot/sandbox/app.ts'
import { pipelinesResponse } from '../connectors/hubspot/sandbox/settings.ts'
import { toApiObject } from '../connectors/hubspot/sandbox/serialize.ts'
import type { ObjectType } from '../connectors/hubspot/sandbox/portal.ts'
import { fetchStageIndex, stageKey } from '../connectors/hubspot/streams/pipelines.ts'
import { STREAM_SPECS } from '../connectors/hubspot/streams/table.ts'
import type { CrmObject, HubSpotItem } from '../connectors/hubspot/types.ts'
import { hashedRecords } from './record-bodies.ts'

/** The sandbox's portal creation time (connectors/hubspot/sandbox/app.ts). */
const PORTAL_CREATED_AT = Date.UTC(2019, 0, 1)

/** `ref key → hash` of every live record's mapped body (the record itself, not its merges). */
export async function expectedBodies(
  sandbox: ReturnType<typeof createHubSpotSandbox>,
): Promise<[string, string][]> {
  const truth = sandbox.groundTruth()
  const stages = await fetchStageIndex(
    { http: { json: async () => pipelinesResponse(PORTAL_CREATED_AT) as never }, now: Date.now },
    { baseUrl: 'http://unused', auth: { kind: 'private_app', token: 'unused' } },
  )
  const mapContext = {
    account: sandbox.portalId,
    appBaseUrl: 'https://app.hubspot.com',
    scales: { ...DEFAULT_SCALES, bySurveyId: {} },
  }
  const out: [string, string][] = []
  for (const spec of STREAM_SPECS) {
    const type = spec.type as ObjectType
    for (const id of truth.live[type]) {
      const record = truth.record(type, id)
      if (!record) continue
      const object = toApiObject(type, record, spec.properties) as CrmObject
      const item: HubSpotItem = { type: spec.type, object, associations: {} }
      for (const to of spec.associations)
        item.associations[to] = truth.associations(type, id, to as ObjectType)
      if (spec.withStages) {
        const key = stageKey(
          object.properties.hs_pipeline ?? null,
          object.properties.hs_pipeline_stage ?? null,
        )
        item.stage = stages.get(key) ?? null
      }
      out.push(...hashedRecords(spec.map(item, mapContext)))
    }
  }
  return out
}
