// The Zendesk sandbox of bench/ingest-cpu.ts in its own process, so the ingest's CPU is measured
// (and profiled) apart from the sandbox's: realistic ticket sizes, rate limits off.
import { startZendeskSandbox } from '../connectors/zendesk/sandbox/serve.ts'

const config = JSON.parse(process.argv[2] ?? '{}') as {
  seed: number
  users: number
  tickets: number
}
const running = await startZendeskSandbox({
  seed: config.seed,
  users: config.users,
  tickets: config.tickets,
  ticketBody: { minBytes: 2000, maxBytes: 8000 },
  rateLimits: { account: false, incremental: false },
})
const { email, apiToken } = running.sandbox.credentials
process.send?.({ url: running.url, email, apiToken })
process.on('disconnect', () => void running.close().then(() => process.exit(0)))
