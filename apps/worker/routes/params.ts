import { z } from 'zod'
import { TENANT_ID } from '../tenant/api-key.ts'

export const TenantId = z.string().regex(TENANT_ID, 'a tenant id (t + 20 base32 characters)')
export const ConnectionId = z.string().regex(/^con_[0-9a-z]{20}$/, 'a connection id (con_…)')
export const CustomerId = z.string().regex(/^cus_[0-9a-z]+$/, 'a customer id (cus_…)')
