import { z } from 'zod';
import { createUserInput } from '../../../../contract/admin-users.ts';
import { usernameField } from '../../../../contract/fields.ts';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import type { CreateUserInput } from '../../api/members.ts';
import { policyPassword } from '../../forms/password-schemas.ts';

export type CreateUserValues = {
  email: string;
  firstName: string;
  lastName: string;
  username: string;
  role: 'member' | 'admin';
  setPassword: boolean;
  password: string;
};

export const emptyCreateUser: CreateUserValues = { email: '', firstName: '', lastName: '', username: '', role: 'member', setPassword: false, password: '' };

/**
 * The API's input as a form: empty text boxes mean "not given", and a password is checked against
 * the organization's checklist only when the administrator chose to set one.
 */
export function createUserFormSchema(policy: PasswordPolicy) {
  const password = policyPassword(policy);
  return createUserInput
    .pick({ email: true, firstName: true, lastName: true, role: true })
    .extend({ username: z.union([usernameField, z.literal('')]), setPassword: z.boolean(), password: z.string() })
    .superRefine((v, ctx) => {
      if (!v.setPassword) return;
      const checked = password.safeParse(v.password);
      if (!checked.success) ctx.addIssue({ code: 'custom', path: ['password'], message: checked.error.issues[0].message });
    });
}

export function toCreateUserInput(v: CreateUserValues): CreateUserInput {
  return {
    email: v.email.trim(),
    role: v.role,
    ...(v.firstName.trim() ? { firstName: v.firstName.trim() } : {}),
    ...(v.lastName.trim() ? { lastName: v.lastName.trim() } : {}),
    ...(v.username ? { username: v.username } : {}),
    ...(v.setPassword ? { password: v.password } : {}),
  };
}
