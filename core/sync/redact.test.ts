import { describe, expect, it } from 'vitest'
import { redactCredentials } from './redact.ts'

const SECRETS = [
  'zd-secret-token-123',
  'dXNlckBhY21lLmNvbS90b2tlbjpzM2NyZXQ=',
  'pat-na1-11111111-2222-3333-4444-555555555555',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  'ya29.a0AfH6SMBx',
  'hunter2hunter2',
]

describe('redactCredentials', () => {
  it('removes every credential a vendor error might echo, keeping what names it', () => {
    const cases = [
      `401 Unauthorized: request had Authorization: Bearer ${SECRETS[0]}`,
      `{"headers":{"authorization":"Basic ${SECRETS[1]}"}}`,
      `GET /crm/v3/objects/contacts failed with ${SECRETS[2]}`,
      `token ${SECRETS[3]} expired`,
      `https://api.example.com/x?access_token=${SECRETS[4]}&page=2`,
      `{"client_secret": "${SECRETS[5]}"}`,
      `https://ops:${SECRETS[5]}@acme.zendesk.com/api/v2`,
      `api_token=${SECRETS[0]}`,
    ]
    for (const text of cases) {
      const out = redactCredentials(text)
      for (const secret of SECRETS) expect(out, text).not.toContain(secret)
      expect(out, text).toContain('[redacted]')
    }
    expect(redactCredentials(cases[0]!)).toBe(
      '401 Unauthorized: request had Authorization: [redacted]',
    )
    expect(redactCredentials(cases[4]!)).toBe(
      'https://api.example.com/x?access_token=[redacted]&page=2',
    )
  })

  it('leaves ordinary error text alone', () => {
    const text = 'tickets: HttpError: 503 Service Unavailable (retry after 30 s) on /api/v2/tickets'
    expect(redactCredentials(text)).toBe(text)
  })
})

describe('a lastError stored before redaction existed', () => {
  it('is redacted when read back, as the admin API shows it', async () => {
    const { TenantStore } = await import('../store/index.ts')
    const { openNodeSqlite } = await import('../store/node-sqlite.ts')
    const store = new TenantStore(openNodeSqlite(), { clock: { now: () => 0 } })
    store.migrate()
    // Written straight to the store, as run-slice did before it redacted.
    store.saveStreamState('zd', 'tickets', {
      lastError: { atMs: 1, message: `tickets: Authorization: Bearer ${SECRETS[0]}` },
    })
    const [state] = store.streamStates('zd')
    expect(state?.lastError?.message).toBe('tickets: Authorization: [redacted]')
  })
})
