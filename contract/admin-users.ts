import { z } from 'zod';
import { emailField, nameField, passwordField, searchText, usernameField } from './fields.ts';
import { employmentInput, personalInput } from './profile.ts';
import { listQuery, pageSchema } from './list-query.ts';
import { factorSchema } from './mfa.ts';
import { mySessionSchema } from './account.ts';

export const userStatusFilter = z.enum(['invited', 'active', 'locked', 'suspended', 'password_expired']);

export const userSorts = { name: 'text', email: 'text', created: 'time' } as const;
/**
 * GET /api/admin/users — search, filters, sorting and keyset pagination (see list-query.ts).
 * `status=invited` lists people with a pending invitation instead of members.
 */
export const listUsersQuery = listQuery(userSorts, { sort: 'name', limit: 50 }, {
  q: searchText(100).optional(),
  status: userStatusFilter.optional(),
  groupId: z.uuid().optional(),
  /** Only administrators, or only members (the Administrators page and its "grant" picker). */
  role: z.enum(['member', 'admin']).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  username: z.string().nullable(),
  role: z.enum(['member', 'admin']),
  /**
   * 'invited': not a member yet, a pending (unexpired, unrevoked, unaccepted) invitation; such a
   * row's `id` is the invitation's (resend or revoke it under /api/admin/invitations/:id).
   */
  status: z.enum(['active', 'suspended', 'invited']),
  locked: z.boolean(),
  passwordExpired: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
/** GET /api/admin/users */
export const adminUserPageSchema = pageSchema(adminUserSchema);

/** GET /api/admin/users/:id — a member's page: profile as the organization sees it, groups, applications, factors (no secrets), recent events. */
export const memberDetailSchema = adminUserSchema
  .pick({ id: true, email: true, firstName: true, lastName: true, username: true, role: true, locked: true, mustChangePassword: true })
  .extend({
    status: z.enum(['active', 'suspended']),
    /** Also a member of another organization: their name and personal details are theirs (they edit them in their profile). */
    sharedAccount: z.boolean(),
    passwordChangedAt: z.string().nullable(),
    personal: personalInput,
    employment: employmentInput,
    groups: z.array(z.object({ id: z.string(), name: z.string() })),
    apps: z.array(z.object({ id: z.string(), name: z.string() })),
    factors: z.array(factorSchema),
    events: z.array(z.object({ id: z.string(), at: z.string(), event: z.string(), outcome: z.enum(['success', 'failure']), ip: z.string() })),
  });
export type MemberDetail = z.infer<typeof memberDetailSchema>;

/** GET /api/admin/users/:id/sessions — the member's sessions in this organization. */
export const memberSessionSchema = mySessionSchema.omit({ current: true });
export type MemberSession = z.infer<typeof memberSessionSchema>;
export const memberSessionListSchema = z.object({ items: z.array(memberSessionSchema) });

/** GET /api/admin/users/:id/lockout — the failure counter the sign-in keeps for the member's address. */
export const lockStateSchema = z.object({ locked: z.boolean(), failures: z.number() });

/** GET /api/admin/users/:id/factors — confirmed factors, never their secrets. */
export const memberFactorListSchema = z.object({ items: z.array(factorSchema) });

/** POST /api/admin/users/:id — what an administrator may change, including what the user may not. */
export const updateUserInput = z.object({
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  username: z.union([usernameField, z.literal('')]).optional(),
  role: z.enum(['member', 'admin']).optional(),
  /** Administrators may edit what members may not (self-editing switched off). */
  personal: personalInput.optional(),
  employment: employmentInput.optional(),
});

/** POST /api/admin/users — create a member directly (an existing account just gains the membership). */
export const createUserInput = z.object({
  email: emailField,
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  username: usernameField.optional(),
  role: z.enum(['member', 'admin']).default('member'),
  password: passwordField.optional(),
});
