// `npm run bench`: the Zendesk sync, the HubSpot sync and identity resolution, each against its
// floor or baseline, and the real worker under workerd (bench/workerd.ts);
// `--only zendesk|hubspot|identity|workerd` (repeatable) selects parts. See README.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runDashboardsBench } from './dashboards.ts'
import { runHubSpotBench } from './hubspot.ts'
import { runIdentityBench } from './identity.ts'
import { fmt } from './table.ts'
import { runWorkerdBench } from './workerd.ts'
import { runZendeskBench } from './zendesk.ts'

const PARTS = ['zendesk', 'hubspot', 'identity', 'dashboards', 'workerd'] as const
type Part = (typeof PARTS)[number]

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    seed: { type: 'string', default: '42' },
    'time-scale': { type: 'string', default: '600' },
    'slice-requests': { type: 'string', default: '50' },
    'slice-ms': { type: 'string', default: '20000' },
    tickets: { type: 'string', default: '100000' },
    users: { type: 'string', default: '20000' },
    'baseline-tickets': { type: 'string' },
    contacts: { type: 'string', default: '20000' },
    'bulk-import': { type: 'string', default: '25000' },
    people: { type: 'string', default: '200000' },
    'store-people': { type: 'string', default: '200000' },
    'baseline-sample': { type: 'string', default: '5000' },
    'dashboard-customers': { type: 'string', default: '100000' },
    'workerd-tickets': { type: 'string', default: '100000' },
    'workerd-users': { type: 'string', default: '20000' },
    'workerd-port': { type: 'string', default: '0' },
    'workerd-timeout-min': { type: 'string', default: '40' },
  },
})
const only = (values.only ?? []).flatMap((v) => v.split(','))
for (const part of only)
  if (!PARTS.includes(part as Part)) throw new Error(`--only ${part}: one of ${PARTS.join(', ')}`)
const parts = PARTS.filter((p) => only.length === 0 || only.includes(p))
const common = {
  seed: Number(values.seed),
  timeScale: Number(values['time-scale']),
  sliceRequests: Number(values['slice-requests']),
  sliceMillis: Number(values['slice-ms']),
}

const runStarted = performance.now()
const progress = (line: string) =>
  process.stderr.write(`[bench ${fmt.ms(performance.now() - runStarted)}] ${line}\n`)
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const dir = mkdtempSync(join(tmpdir(), 'cxlens-bench-'))
mkdirSync('artifacts/bench', { recursive: true })
const results: Record<string, { pass: boolean; ms: number; file: string }> = {}

async function run(
  part: Part,
  bench: () => Promise<{ text: string; json: object; pass: boolean }>,
) {
  const started = performance.now()
  const report = await bench()
  const ms = performance.now() - started
  const file = join('artifacts/bench', `${part}-${stamp}.json`)
  writeFileSync(file, `${JSON.stringify({ ...report.json, wallMs: ms }, null, 2)}\n`)
  console.log(`${report.text}\n\nJSON: ${file} (${part} took ${fmt.ms(ms)})\n`)
  results[part] = { pass: report.pass, ms, file }
}

try {
  for (const part of parts) {
    if (part === 'zendesk')
      await run(part, () =>
        runZendeskBench(
          {
            ...common,
            tickets: Number(values.tickets),
            users: Number(values.users),
            baselineTickets: Number(values['baseline-tickets'] ?? values.tickets),
          },
          dir,
          progress,
        ),
      )
    if (part === 'hubspot')
      await run(part, () =>
        runHubSpotBench(
          {
            ...common,
            contacts: Number(values.contacts),
            bulkImport: Number(values['bulk-import']),
          },
          dir,
          progress,
        ),
      )
    if (part === 'identity')
      await run(part, () =>
        runIdentityBench(
          {
            seed: common.seed,
            people: Number(values.people),
            storePeople: Number(values['store-people']),
            baselineSample: Number(values['baseline-sample']),
          },
          dir,
          progress,
        ),
      )
    if (part === 'dashboards')
      await run(part, () =>
        runDashboardsBench(
          { seed: common.seed, customers: Number(values['dashboard-customers']), requests: 21 },
          dir,
          progress,
        ),
      )
    if (part === 'workerd')
      await run(part, () =>
        runWorkerdBench(
          {
            seed: common.seed,
            tickets: Number(values['workerd-tickets']),
            users: Number(values['workerd-users']),
            port: Number(values['workerd-port']),
            inspectorPort: 0,
            timeoutMinutes: Number(values['workerd-timeout-min']),
          },
          dir,
          progress,
        ),
      )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(
  `SUMMARY: ${parts.map((p) => `${p} ${results[p]?.pass ? 'PASS' : 'FAIL'} (${fmt.ms(results[p]?.ms ?? 0)})`).join(', ')}; total ${fmt.ms(performance.now() - runStarted)}`,
)
if (parts.some((p) => !results[p]?.pass)) process.exitCode = 1
