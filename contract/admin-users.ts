import { z } from 'zod';
import { emailField, nameField, passwordField, usernameField } from './fields.ts';
import { employmentInput, personalInput } from './profile.ts';

export const userStatusFilter = z.enum(['invited', 'active', 'locked', 'suspended', 'password_expired']);

/** GET /api/admin/users — cursor pagination (opaque), search, filters, sorting. */
export const listUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: userStatusFilter.optional(),
  groupId: z.uuid().optional(),
  sort: z.enum(['name', 'email', 'created']).default('name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  username: z.string().nullable(),
  role: z.enum(['member', 'admin']),
  status: z.enum(['active', 'suspended']),
  locked: z.boolean(),
  passwordExpired: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

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
