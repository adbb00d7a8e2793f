import { z } from 'zod';
import { httpUrl, multilineText, nameField } from './fields.ts';
import { pageSchema } from './list-query.ts';
import { imageDataUrl } from './image-data-url.ts';

/** Icons are small images, stored inline (see image-data-url.ts). */
export const ICON_MAX_CHARS = 200_000;
const icon = imageDataUrl(ICON_MAX_CHARS, ['png', 'jpeg', 'gif', 'webp']);

/**
 * When an application asks for a second factor beyond the portal's sign-in: never, whenever the
 * session has none, or unless one was presented within the last N minutes (step-up).
 */
export const appMfaPolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('mfa') }),
  z.object({ mode: z.literal('recent'), withinMinutes: z.number().int().min(1).max(1440) }),
]);
export type AppMfaPolicy = z.infer<typeof appMfaPolicySchema>;

/** POST /api/admin/apps — a bookmark application (OIDC and SAML have their own inputs). */
export const createBookmarkAppInput = z.object({
  type: z.literal('bookmark').default('bookmark'),
  name: nameField.min(1),
  url: httpUrl,
  description: multilineText(500).default(''),
  details: multilineText(5000).default(''),
  icon: icon.optional(),
});

/** The kinds of application: a link, an OpenID Connect client, a SAML service provider. */
export const appTypeSchema = z.enum(['bookmark', 'oidc', 'saml']);
export type AppType = z.infer<typeof appTypeSchema>;

export const portalAppSchema = z.object({
  id: z.string(),
  type: appTypeSchema,
  name: z.string(),
  description: z.string(),
  details: z.string(),
  icon: z.string().nullable(),
  launches: z.number(),
});
export type PortalApp = z.infer<typeof portalAppSchema>;

/**
 * GET /api/admin/apps — one row of the list, of any type. Never the protocol settings (hashed
 * client secrets, sealed SAML keys): each type's own endpoint reads those back, without anything secret.
 */
export const adminAppSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  type: appTypeSchema,
  name: z.string(),
  description: z.string(),
  details: z.string(),
  url: z.string().nullable(),
  icon: z.string().nullable(),
  mfaPolicy: appMfaPolicySchema,
  createdAt: z.string(),
});
export type AdminApp = z.infer<typeof adminAppSchema>;
export const adminAppPageSchema = pageSchema(adminAppSchema);

/** POST /api/admin/apps/:id/icon — any type of application; `null` removes the icon. */
export const setAppIconInput = z.strictObject({ icon: icon.nullable() });
export const appIconSchema = z.object({ icon: z.string().nullable() });

/** POST /api/admin/apps/bookmark/:id — a field left out keeps its value (the icon has its own endpoint). */
export const updateBookmarkAppInput = z
  .strictObject({
    name: nameField.min(1).optional(),
    url: httpUrl.optional(),
    description: multilineText(500).optional(),
    details: multilineText(5000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'names nothing to change');

/** GET and POST /api/admin/apps/bookmark/:id */
export const bookmarkAppSchema = z.object({
  id: z.string(),
  type: z.literal('bookmark'),
  name: z.string(),
  url: z.string(),
  description: z.string(),
  details: z.string(),
  icon: z.string().nullable(),
  createdAt: z.string(),
});
export type BookmarkApp = z.infer<typeof bookmarkAppSchema>;

/** GET /api/admin/apps/:id/assignments — who the application is assigned to, directly or by group. */
export const appAssignmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: z.string(), email: z.string(), firstName: z.string(), lastName: z.string() }),
  z.object({ kind: z.literal('group'), id: z.string(), name: z.string() }),
]);
export type AppAssignment = z.infer<typeof appAssignmentSchema>;
export const appAssignmentListSchema = z.object({ items: z.array(appAssignmentSchema) });

/** DELETE /api/admin/apps/:id/assignments/users/:targetId (or groups/:targetId) */
export const appAssignmentParams = z.object({ id: z.uuid(), kind: z.enum(['users', 'groups']), targetId: z.uuid() });

/** GET /api/admin/groups */
export const groupSchema = z.object({ id: z.string(), orgId: z.string(), name: z.string(), createdAt: z.string() });
export type Group = z.infer<typeof groupSchema>;
export const groupPageSchema = pageSchema(groupSchema);
/** GET /api/admin/groups/:id/members */
export const groupMemberSchema = z.object({ id: z.string(), email: z.string(), firstName: z.string(), lastName: z.string() });
export type GroupMember = z.infer<typeof groupMemberSchema>;
export const groupMemberPageSchema = pageSchema(groupMemberSchema);

/** POST /api/admin/groups */
export const createGroupInput = z.object({ name: nameField.min(1) });
/** POST /api/admin/groups/:id/members */
export const addGroupMemberInput = z.object({ userId: z.uuid() });
/** POST /api/admin/apps/:id/assignments */
export const assignAppInput = z.union([z.object({ userId: z.uuid() }), z.object({ groupId: z.uuid() })]);

/** GET /api/me/dashboard */
export const dashboardSchema = z.object({
  apps: z.object({ count: z.number(), mostUsed: z.array(portalAppSchema) }),
  security: z.object({
    mfa: z.object({ enabled: z.boolean(), methods: z.array(z.enum(['totp', 'webauthn'])), mode: z.enum(['off', 'optional', 'required']) }),
    password: z.object({ changedAt: z.string().nullable(), expiresAt: z.string().nullable(), daysLeft: z.number().nullable() }),
    sshKeys: z.number(),
  }),
  actions: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('password_expiring'), days: z.number() }),
      z.object({ kind: z.literal('mfa_required_soon'), signInsLeft: z.number() }),
      z.object({ kind: z.literal('recovery_email_unconfirmed'), email: z.string() }),
      z.object({ kind: z.literal('recovery_codes_low'), left: z.number() }),
    ]),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
