import { z } from 'zod';
import { languageField, slugField } from './fields.ts';
import { portalSchema } from './sign-in.ts';

/** GET /api/session — who is signed in, where. 401 auth.required when nobody is. */
export const sessionInfoSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), firstName: z.string(), lastName: z.string(), initials: z.string(), language: languageField.nullable().describe('The language the person chose; null until they choose one') }),
  organization: z.object({ slug: z.string(), name: z.string(), role: z.enum(['member', 'admin']) }),
  organizations: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(['member', 'admin']) })),
  authTime: z.string(),
  amr: z.array(z.string()),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** POST /api/session/organization — switch the active organization. */
export const switchOrganizationInput = z.object({ slug: slugField });

/** POST /api/auth/logout — which portal's login the person ends on (the body may be empty). */
export const logoutInput = z.object({ portal: portalSchema.default('user') }).default({ portal: 'user' });
/**
 * Where the browser goes next: the portal's login, or first through the SAML applications this
 * sign-in opened, to sign out of them too (IdP-initiated single logout).
 */
export const logoutResultSchema = z.object({ redirectTo: z.string() });
export type LogoutResult = z.infer<typeof logoutResultSchema>;
