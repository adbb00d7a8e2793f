import { z } from 'zod';
import { slugField } from './fields.ts';

/** GET /api/session — who is signed in, where. 401 auth.required when nobody is. */
export const sessionInfoSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), firstName: z.string(), lastName: z.string(), initials: z.string(), language: z.string() }),
  organization: z.object({ slug: z.string(), name: z.string(), role: z.enum(['member', 'admin']) }),
  organizations: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(['member', 'admin']) })),
  authTime: z.string(),
  amr: z.array(z.string()),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** POST /api/session/organization — switch the active organization. */
export const switchOrganizationInput = z.object({ slug: slugField });
