/**
 * The OAuth bookkeeping both sandboxes share: registered clients, consent requests, single-use
 * codes, token pairs and their expiry on the sandbox clock. The HTTP shapes live in each vendor's
 * sandbox; this module only decides what is valid.
 */

export interface SandboxOAuthClient {
  clientId: string
  clientSecret: string
  /** Exact redirect URIs (both vendors compare the whole URI). */
  redirectUris: string[]
  /** Scopes the client may ask for (Zendesk "allowed scopes"; HubSpot required + optional). */
  allowedScopes: string[]
  /** Scopes every authorize request must carry (HubSpot's required scopes). */
  requiredScopes?: string[]
}

export interface GrantStoreOptions {
  now(): number
  accessTtlSeconds: number
  /** null: refresh tokens never expire. */
  refreshTtlSeconds: number | null
  codeTtlSeconds: number
  /** Zendesk: a refresh returns a new pair and kills the old one. HubSpot keeps the refresh token. */
  rotateRefreshTokens: boolean
  /** Prefix of generated tokens, to tell them apart in logs. */
  prefix: string
}

export interface ConsentRequest {
  id: string
  clientId: string
  redirectUri: string
  /** What the admin is asked to grant (required + optional that the account can grant). */
  scopes: string[]
  state: string | null
  codeChallenge: string | null
}

export interface TokenRecord {
  /** The vendor-visible token id (Zendesk `/api/v2/oauth/tokens/{id}`). */
  id: number
  grantId: number
  clientId: string
  scopes: string[]
  userId: number
  accessToken: string
  accessExpiresAt: number
  refreshToken: string | null
  refreshExpiresAt: number | null
  createdAt: number
  revoked: boolean
}

export type Redeem =
  | { ok: true; record: TokenRecord }
  | { ok: false; error: 'invalid_grant' | 'invalid_client' | 'invalid_scope'; reason: string }

export type AccessCheck =
  | { status: 'active'; record: TokenRecord }
  | { status: 'expired'; expiredForMs: number }
  | { status: 'revoked' }
  | { status: 'unknown' }

export function createGrantStore(options: GrantStoreOptions) {
  const clients = new Map<string, SandboxOAuthClient>()
  const consents = new Map<string, ConsentRequest>()
  const codes = new Map<
    string,
    {
      consent: ConsentRequest
      issuedAt: number
      used: boolean
      userId: number
      grantId: number | null
    }
  >()
  const records = new Map<number, TokenRecord>()
  const byAccess = new Map<string, TokenRecord>()
  const byRefresh = new Map<string, TokenRecord>()
  const revokedGrants = new Set<number>()
  let nextId = 9_000_001
  let accessTtl = options.accessTtlSeconds

  const random = (bytes = 24) => {
    const raw = crypto.getRandomValues(new Uint8Array(bytes))
    return btoa(String.fromCharCode(...raw)).replace(/[+/=]/g, (c) =>
      c === '+' ? '-' : c === '/' ? '_' : '',
    )
  }

  function mint(
    grantId: number,
    clientId: string,
    scopes: string[],
    userId: number,
    refresh: string | null,
    accessTtlSeconds?: number,
  ): TokenRecord {
    const now = options.now()
    const record: TokenRecord = {
      id: nextId++,
      grantId,
      clientId,
      scopes,
      userId,
      accessToken: `${options.prefix}-at-${random()}`,
      accessExpiresAt: now + (accessTtlSeconds ?? accessTtl) * 1000,
      refreshToken: refresh ?? `${options.prefix}-rt-${random()}`,
      refreshExpiresAt:
        options.refreshTtlSeconds === null ? null : now + options.refreshTtlSeconds * 1000,
      createdAt: now,
      revoked: false,
    }
    records.set(record.id, record)
    byAccess.set(record.accessToken, record)
    if (record.refreshToken) byRefresh.set(record.refreshToken, record)
    return record
  }

  function clientFor(clientId: string, secret: string | null): SandboxOAuthClient | null {
    const client = clients.get(clientId)
    if (!client) return null
    if (secret !== null && secret !== client.clientSecret) return null
    return client
  }

  return {
    registerClient(client: SandboxOAuthClient) {
      clients.set(client.clientId, client)
    },
    client: (clientId: string) => clients.get(clientId) ?? null,
    clientFor,
    /** Remembers what an authorize page asked; the approve form refers to it by id. */
    openConsent(request: Omit<ConsentRequest, 'id'>): ConsentRequest {
      const consent = { ...request, id: random(16) }
      consents.set(consent.id, consent)
      return consent
    },
    consent: (id: string) => consents.get(id) ?? null,
    /** Approve: a single-use code for the consent (the consent itself is used up). */
    issueCode(consentId: string, userId: number): string | null {
      const consent = consents.get(consentId)
      if (!consent) return null
      consents.delete(consentId)
      const code = random(18)
      codes.set(code, { consent, issuedAt: options.now(), used: false, userId, grantId: null })
      return code
    },
    denyConsent(consentId: string): ConsentRequest | null {
      const consent = consents.get(consentId) ?? null
      consents.delete(consentId)
      return consent
    },
    async redeemCode(
      code: string,
      input: {
        clientId: string
        clientSecret: string | null
        redirectUri: string | null
        codeVerifier: string | null
        accessTtlSeconds?: number
      },
    ): Promise<Redeem> {
      const entry = codes.get(code)
      if (!entry) return { ok: false, error: 'invalid_grant', reason: 'unknown code' }
      const client = clients.get(input.clientId)
      const pkce = entry.consent.codeChallenge !== null
      if (!client || (input.clientSecret !== null && input.clientSecret !== client.clientSecret)) {
        return { ok: false, error: 'invalid_client', reason: 'client authentication failed' }
      }
      if (input.clientSecret === null && !pkce) {
        return { ok: false, error: 'invalid_client', reason: 'client_secret is required' }
      }
      if (entry.used) {
        // RFC 6749 §4.1.2: a code used twice revokes what it issued.
        if (entry.grantId !== null) revokedGrants.add(entry.grantId)
        return { ok: false, error: 'invalid_grant', reason: 'code already used' }
      }
      entry.used = true
      if (options.now() - entry.issuedAt > options.codeTtlSeconds * 1000) {
        return { ok: false, error: 'invalid_grant', reason: 'code expired' }
      }
      if (entry.consent.clientId !== input.clientId) {
        return { ok: false, error: 'invalid_grant', reason: 'code was issued to another client' }
      }
      if (input.redirectUri !== entry.consent.redirectUri) {
        return { ok: false, error: 'invalid_grant', reason: 'redirect_uri does not match' }
      }
      if (
        pkce &&
        (!input.codeVerifier ||
          (await pkceS256(input.codeVerifier)) !== entry.consent.codeChallenge)
      ) {
        return { ok: false, error: 'invalid_grant', reason: 'code_verifier does not match' }
      }
      const grantId = nextId++
      entry.grantId = grantId
      return {
        ok: true,
        record: mint(
          grantId,
          client.clientId,
          entry.consent.scopes,
          entry.userId,
          null,
          input.accessTtlSeconds,
        ),
      }
    },
    refresh(
      refreshToken: string,
      input: { clientId: string; clientSecret: string; accessTtlSeconds?: number },
    ): Redeem {
      if (!clientFor(input.clientId, input.clientSecret)) {
        return { ok: false, error: 'invalid_client', reason: 'client authentication failed' }
      }
      const old = byRefresh.get(refreshToken)
      const now = options.now()
      if (
        !old ||
        old.revoked ||
        old.refreshToken !== refreshToken ||
        revokedGrants.has(old.grantId)
      ) {
        return { ok: false, error: 'invalid_grant', reason: 'refresh token is invalid or revoked' }
      }
      if (old.clientId !== input.clientId) {
        return {
          ok: false,
          error: 'invalid_grant',
          reason: 'refresh token was issued to another client',
        }
      }
      if (old.refreshExpiresAt !== null && now > old.refreshExpiresAt) {
        return { ok: false, error: 'invalid_grant', reason: 'refresh token expired' }
      }
      byRefresh.delete(refreshToken)
      old.refreshToken = null
      if (options.rotateRefreshTokens) old.revoked = true
      const keep = options.rotateRefreshTokens ? null : refreshToken
      const record = mint(
        old.grantId,
        old.clientId,
        old.scopes,
        old.userId,
        keep,
        input.accessTtlSeconds,
      )
      if (!options.rotateRefreshTokens) record.refreshExpiresAt = old.refreshExpiresAt
      return { ok: true, record }
    },
    checkAccess(token: string): AccessCheck {
      const record = byAccess.get(token)
      if (!record) return { status: 'unknown' }
      if (record.revoked || revokedGrants.has(record.grantId)) return { status: 'revoked' }
      const expiredFor = options.now() - record.accessExpiresAt
      if (expiredFor >= 0) return { status: 'expired', expiredForMs: expiredFor }
      return { status: 'active', record }
    },
    /** The live record holding a refresh token, if any. */
    refreshRecord(token: string): TokenRecord | null {
      const record = byRefresh.get(token)
      if (!record || record.revoked || revokedGrants.has(record.grantId)) return null
      return record
    },
    record: (id: number) => records.get(id) ?? null,
    /** Revokes one pair (Zendesk DELETE by id): its access and refresh tokens stop working. */
    revokeRecord(id: number): boolean {
      const record = records.get(id)
      if (!record || record.revoked) return false
      record.revoked = true
      if (record.refreshToken) byRefresh.delete(record.refreshToken)
      return true
    },
    /** Revokes a whole grant: every pair minted from one consent (an uninstall). */
    revokeGrant(grantId: number) {
      revokedGrants.add(grantId)
    },
    /** Knob: access token lifetime for tokens minted from now on. */
    setAccessTtl(seconds: number) {
      accessTtl = seconds
    },
    /** Every grant id ever issued to a client (tests simulate an uninstall with `revokeGrant`). */
    grantsOf(clientId: string): number[] {
      return [
        ...new Set(
          [...records.values()].filter((r) => r.clientId === clientId).map((r) => r.grantId),
        ),
      ]
    },
  }
}

export type GrantStore = ReturnType<typeof createGrantStore>

/** PKCE S256 (RFC 7636 §4.2): base64url(SHA-256(verifier)). */
export async function pkceS256(verifier: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
  )
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}
