import { describe, expect, it } from 'vitest'
import { detractorView } from '../../core/presentation/fixtures.ts'
import {
  connectZaf,
  type SidebarContext,
  type ZafClient,
  type ZafRequestOptions,
} from '../../apps/zendesk-sidebar/src/zaf.ts'

/** A ZAF client as the sidebar sees it in a ticket: it records each request and answers `answer`. */
function fakeClient(answer: () => unknown, settings: Record<string, unknown> = {}) {
  const requests: ZafRequestOptions[] = []
  const values: Record<string, unknown> = {
    'currentUser.id': 42,
    'currentUser.locale': 'fr',
    'ticket.requester.id': 9001,
  }
  const client: ZafClient = {
    context: async () => ({ account: { subdomain: 'acme' }, location: 'ticket_sidebar' }),
    metadata: async () => ({ settings: { api_url: 'https://cx.acme.com/', ...settings } }),
    get: async (paths) =>
      Object.fromEntries([paths].flat().map((path) => [path, values[path]] as const)),
    request: async (options) => {
      requests.push(options)
      return answer()
    },
    invoke: () => undefined,
    on: () => undefined,
  }
  return { client, requests }
}

describe('the sidebar’s request to cxlens through Zendesk’s proxy', () => {
  it('asks the proxy for a signed JWT and places it in the Authorization header', async () => {
    const { client, requests } = fakeClient(() => detractorView)
    const host = connectZaf(client)
    const context = await host.context()
    expect(context).toMatchObject({ subdomain: 'acme', agentId: '42', zendeskUserId: '9001' })

    expect(await host.lookup(context)).toEqual({ kind: 'found', view: detractorView })
    expect(requests).toEqual([
      {
        url: 'https://cx.acme.com/v1/customers/lookup?zendesk_user_id=9001&account=acme',
        type: 'GET',
        dataType: 'json',
        secure: true,
        cors: false,
        // The proxy substitutes {{jwt.token}} only where the request places it.
        headers: { Authorization: 'Bearer {{jwt.token}}' },
        jwt: {
          algorithm: 'HS256',
          secret_key: '{{setting.shared_secret}}',
          expiry: 300,
          claims: { iss: 'acme', aud: 'cxlens', sub: '42' },
        },
      },
    ])
  })

  it('turns the proxy’s failures into what the panel shows', async () => {
    const cases: [unknown, unknown][] = [
      [{ status: 404 }, { kind: 'unknown' }],
      [{ status: 401 }, { kind: 'error', reason: 'auth', status: 401 }],
      [{ status: 403 }, { kind: 'error', reason: 'auth', status: 403 }],
      [{ status: 0 }, { kind: 'error', reason: 'network' }],
      [{ status: 502 }, { kind: 'error', reason: 'server', status: 502 }],
    ]
    for (const [failure, shown] of cases) {
      const host = connectZaf(
        fakeClient(() => {
          throw failure
        }).client,
      )
      expect(await host.lookup(await host.context()), JSON.stringify(failure)).toEqual(shown)
    }
  })

  it('refuses a body that is not a customer view, and asks nothing without an API URL', async () => {
    const odd = connectZaf(fakeClient(() => ({ customer: {} })).client)
    expect(await odd.lookup(await odd.context())).toEqual({ kind: 'error', reason: 'server' })

    const { client, requests } = fakeClient(() => detractorView, { api_url: ' ' })
    const unset = connectZaf(client)
    const context: SidebarContext = await unset.context()
    expect(context.apiUrl).toBeNull()
    expect(await unset.lookup(context)).toEqual({ kind: 'error', reason: 'config' })
    expect(requests).toEqual([])
  })
})
