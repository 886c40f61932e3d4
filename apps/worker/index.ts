import { DurableObject } from 'cloudflare:workers'

export class Tenant extends DurableObject {
  ping(): number {
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS t (x INTEGER)')
    this.ctx.storage.sql.exec('INSERT INTO t VALUES (1)')
    return this.ctx.storage.sql.exec('SELECT count(*) AS n FROM t').one().n as number
  }
}
export default {
  async fetch(req: Request, env: Env) {
    const stub = env.TENANT.get(env.TENANT.idFromName('x'))
    return new Response(String(await stub.ping()))
  },
} satisfies ExportedHandler<Env>
