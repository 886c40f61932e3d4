import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { CliError, createClient, EXIT, type AdminClient } from './client.ts'
import * as commands from './commands.ts'
import { progressBars } from './progress.ts'
import * as render from './render.ts'

/** `cxlens`: operate a cxlens worker over its admin API. */

interface Globals {
  url?: string
  token?: string
  json?: boolean
  tenant?: string
}

function print(json: boolean | undefined, data: unknown, text: () => string): void {
  process.stdout.write((json ? JSON.stringify(data, null, 2) : text()) + '\n')
}

function clientOf(globals: Globals): { call: AdminClient; url: string } {
  const url = globals.url ?? process.env.CXLENS_URL ?? 'http://localhost:8787'
  const token = globals.token ?? process.env.CXLENS_ADMIN_TOKEN
  if (!token) {
    throw new CliError('No admin token: pass --token or set CXLENS_ADMIN_TOKEN', EXIT.usage)
  }
  return { call: createClient({ url, token }), url }
}

const positiveInt = (text: string) => {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number')
  return n
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function followRun(
  call: AdminClient,
  at: commands.Located,
  runId: number,
  json: boolean | undefined,
  intervalMs: number,
): Promise<number> {
  const bars = json ? null : progressBars()
  const run = await commands
    .follow(call, at, runId, {
      wait: () => sleep(intervalMs),
      onProgress: (r) => (json ? process.stdout.write(JSON.stringify(r) + '\n') : bars!.update(r)),
    })
    .finally(() => bars?.stop())
  if (!json) process.stdout.write(render.renderRun(run) + '\n')
  return commands.runExitCode(run)
}

export function program(): Command {
  const cli = new Command('cxlens')
    .description('Operate a cxlens worker: tenants, connections, runs.')
    .addOption(
      new Option('--url <url>', 'worker URL (default $CXLENS_URL or http://localhost:8787)'),
    )
    .addOption(new Option('--token <token>', 'admin token (default $CXLENS_ADMIN_TOKEN)'))
    .option('--json', 'print JSON instead of text')
    .option(
      '--tenant <tenantId>',
      'the tenant (connections are otherwise looked up in every tenant)',
    )
    .showHelpAfterError()
    .exitOverride()
  const g = () => cli.opts<Globals>()
  const withConnection = async (connectionId: string) => {
    const { call } = clientOf(g())
    return { call, at: await commands.locate(call, connectionId, g().tenant) }
  }

  cli
    .command('status')
    .description('is the worker reachable, and how are its tenants and connections')
    .action(async () => {
      const { call, url } = clientOf(g())
      const data = await commands.status(call)
      print(g().json, data, () => render.renderStatus(url, data))
    })
  cli
    .command('tenants')
    .description('list tenants')
    .action(async () => {
      const data = await commands.tenants(clientOf(g()).call)
      print(g().json, data, () => render.renderTenants(data))
    })
  cli
    .command('connections')
    .description('list connections with schedule, state, last and next run')
    .action(async () => {
      const data = await commands.connections(clientOf(g()).call, { tenant: g().tenant })
      print(g().json, data, () => render.renderConnections(data))
    })
  cli
    .command('sync <connection>')
    .description('run a sync now (joins the running one); --follow shows per-stream progress')
    .option('-f, --follow', 'follow the run until it ends')
    .addOption(
      new Option('--interval <ms>', 'poll interval')
        .default(1000)
        .argParser(positiveInt)
        .hideHelp(),
    )
    .action(async (connectionId: string, options: { follow?: boolean; interval: number }) => {
      const { call, at } = await withConnection(connectionId)
      const started = await commands.startRun(call, at)
      if (!options.follow) {
        return print(
          g().json,
          started,
          () =>
            `${started.joined ? 'Joined' : 'Started'} run #${started.run.runId} of ${connectionId}`,
        )
      }
      if (!g().json) {
        process.stderr.write(`${started.joined ? 'Joined' : 'Started'} run #${started.run.runId}\n`)
      }
      process.exitCode = await followRun(call, at, started.run.runId, g().json, options.interval)
    })
  cli
    .command('schedule <connection> <schedule>')
    .description(
      'set the schedule: an interval (15m, 2h, 30) or a cron expression ("0 3 * * *", UTC)',
    )
    .action(async (connectionId: string, text: string) => {
      commands.parseSchedule(text) // a usage error before any request
      const { call, at } = await withConnection(connectionId)
      const data = await commands.schedule(call, at, text)
      print(g().json, data, () => render.renderConnection(data))
    })
  for (const action of ['pause', 'resume'] as const) {
    cli
      .command(`${action} <connection>`)
      .description(
        action === 'pause'
          ? 'stop scheduled and manual runs'
          : 'run on schedule again (due at once)',
      )
      .action(async (connectionId: string) => {
        const { call, at } = await withConnection(connectionId)
        const data = await commands[action](call, at)
        print(g().json, data, () => render.renderConnection(data))
      })
  }
  cli
    .command('backfill <connection>')
    .description('re-read everything since a date and upsert it; nothing stored is deleted')
    .requiredOption('--since <date>', 'ISO date or instant, e.g. 2026-01-01')
    .option('-f, --follow', 'follow the run until it ends')
    .addOption(
      new Option('--interval <ms>', 'poll interval')
        .default(1000)
        .argParser(positiveInt)
        .hideHelp(),
    )
    .action(
      async (
        connectionId: string,
        options: { since: string; follow?: boolean; interval: number },
      ) => {
        const { call, at } = await withConnection(connectionId)
        const started = await commands.backfill(call, at, options.since)
        if (!options.follow) {
          return print(
            g().json,
            started,
            () => `Backfill run #${started.run.runId} from ${started.since}`,
          )
        }
        process.exitCode = await followRun(call, at, started.run.runId, g().json, options.interval)
      },
    )
  cli
    .command('runs [connection]')
    .description('recent runs of a connection (or of every connection), newest first')
    .option('--limit <n>', 'how many', positiveInt, 20)
    .action(async (connectionId: string | undefined, options: { limit: number }) => {
      const { call } = clientOf(g())
      const at = connectionId ? await commands.locate(call, connectionId, g().tenant) : undefined
      const data = await commands.runs(call, { at, limit: options.limit, tenant: g().tenant })
      print(g().json, data, () => render.renderRuns(data))
    })
  cli
    .command('quarantine <connection>')
    .description('items that could not be mapped, with their reasons (never their data)')
    .option('--limit <n>', 'how many', positiveInt, 100)
    .action(async (connectionId: string, options: { limit: number }) => {
      const { call, at } = await withConnection(connectionId)
      const data = await commands.quarantine(call, at, options.limit)
      print(g().json, data, () => render.renderQuarantine(data))
    })
  return cli
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? EXIT.ok)
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander already printed the message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(String((error as Error)?.message ?? error), EXIT.failure)
    process.stderr.write(`cxlens: ${cliError.message}\n`)
    return cliError.exitCode
  }
}
