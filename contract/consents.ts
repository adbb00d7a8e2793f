import { z } from 'zod';

/** GET /api/me/consents — the applications this person allowed to see their details, and what. */
export const myConsentSchema = z.object({ appId: z.string(), name: z.string(), scopes: z.array(z.string()), grantedAt: z.string() });
export const myConsentListSchema = z.object({ items: z.array(myConsentSchema) });
export type MyConsent = z.infer<typeof myConsentSchema>;
