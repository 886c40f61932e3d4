import { decryptSecret, encryptSecret, importSecretKey } from '../crypto.ts'

/**
 * The one place a tenant object seals and opens secrets (`crypto.ts`, AES-GCM under
 * `CXLENS_SECRET_KEY`). Each secret is bound to what it belongs to (its context: tenant and owner),
 * so a sealed blob copied elsewhere does not open. Opened secrets stay inside the object.
 */
export class Sealer {
  private key: Promise<CryptoKey> | null = null

  private readonly base64Key: string | undefined

  constructor(base64Key: string | undefined) {
    this.base64Key = base64Key
  }

  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= importSecretKey(this.base64Key)
    return this.key
  }

  async seal(secret: string, context: string): Promise<string> {
    return encryptSecret(await this.cryptoKey(), secret, context)
  }

  async open(sealed: string, context: string): Promise<string> {
    return decryptSecret(await this.cryptoKey(), sealed, context)
  }
}

/** The contexts sealed secrets are bound to; changing one makes stored secrets unreadable. */
export const sealContext = {
  connection: (tenantId: string, connectionId: string) => `${tenantId}/${connectionId}`,
  installation: (tenantId: string, platform: string, externalId: string) =>
    `${tenantId}/installation/${platform}/${externalId}`,
  webhook: (tenantId: string, platform: string, account: string, webhookId: string) =>
    `${tenantId}/webhook/${platform}/${account}/${webhookId}`,
  alertDestination: (tenantId: string, id: string) => `${tenantId}/alerts/${id}`,
}
