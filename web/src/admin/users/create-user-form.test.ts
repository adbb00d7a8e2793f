import { describe, expect, it } from 'vitest';
import { passwordPolicySchema } from '../../../../contract/password-policy.ts';
import { createUserFormSchema, emptyCreateUser, toCreateUserInput } from './create-user-form.ts';

const policy = passwordPolicySchema.parse({ minLength: 14, requireDigit: true });
const schema = createUserFormSchema(policy);

describe('the create-user form', () => {
  it('needs no password unless one is being set', () => {
    expect(schema.safeParse({ ...emptyCreateUser, email: 'nina@acme.test' }).success).toBe(true);
  });

  it("checks a password being set against the organization's requirements", () => {
    const weak = schema.safeParse({ ...emptyCreateUser, email: 'nina@acme.test', setPassword: true, password: 'short-1' });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['password', 'validation.passwordRules']]);
    expect(schema.safeParse({ ...emptyCreateUser, email: 'nina@acme.test', setPassword: true, password: 'long-enough-password-1' }).success).toBe(true);
  });

  it('refuses a username the API would refuse', () => {
    expect(schema.safeParse({ ...emptyCreateUser, email: 'nina@acme.test', username: 'nina smith' }).success).toBe(false);
  });

  it('sends only what was filled in, and the password only when set', () => {
    expect(toCreateUserInput({ ...emptyCreateUser, email: ' nina@acme.test ', firstName: 'Nina', password: 'typed-then-unticked' })).toEqual({ email: 'nina@acme.test', role: 'member', firstName: 'Nina' });
    expect(toCreateUserInput({ ...emptyCreateUser, email: 'n@acme.test', role: 'admin', username: 'nina', setPassword: true, password: 'pw' })).toEqual({ email: 'n@acme.test', role: 'admin', username: 'nina', password: 'pw' });
  });
});
