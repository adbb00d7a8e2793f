import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { emailField, nameField, passwordField, slugField, usernameField } from '../../../../contract/fields.ts';
import { createOrg, findOrgBySlug } from '../../domain/orgs/org-store.ts';
import { addMembership, createUser, findUserByEmail, listMemberships } from '../../domain/users/user-store.ts';
import { resetFactors } from '../admin/reset-member-mfa.ts';
import { checkNewPassword } from '../../domain/credentials/check-new-password.ts';
import { hashPassword } from '../../domain/credentials/password-hash.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { createFirstOrganization } from '../setup/complete-setup.ts';
import { sendInvitation } from '../invitation/send-invitation.ts';
import type { FlowDeps } from '../deps.ts';
import { rotateOidcKeys, RETIRED_KEY_GRACE_HOURS } from '../../domain/signing-keys/oidc-keys.ts';

/**
 * The scriptable way in (`tessera setup | org add | user add`). One implementation, reached either
 * directly on the database or through the running server's local API.
 */
export const setupCommandInput = z.object({ orgName: nameField.min(1), orgSlug: slugField.optional(), email: emailField, password: passwordField, firstName: nameField.optional(), lastName: nameField.optional() });
export const addOrgCommandInput = z.object({ name: nameField.min(1), slug: slugField.optional() });
export const addUserCommandInput = z.object({
  org: slugField,
  email: emailField,
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  username: usernameField.optional(),
  admin: z.boolean().default(false),
  invite: z.boolean().default(false),
  password: passwordField.optional(),
  /**
   * An e-mail that already has an account: the server's operator (CLI) adds the membership; an
   * organization's administrator (admin API) may only invite — joining is the person's choice,
   * and their one identity (password, factors) is not another organization's to manage.
   */
  existingAccount: z.enum(['add', 'invite']).default('add'),
  /** Who asked, for the audit row: the operator's CLI, or an administrator through the admin API. */
  via: z.enum(['cli', 'admin']).default('cli'),
});

export type CommandResult = { message: string; data: Record<string, unknown> };

export async function runSetupCommand(input: unknown, deps: FlowDeps): Promise<CommandResult> {
  const data = setupCommandInput.parse(input);
  const result = await createFirstOrganization(deps, data);
  return { message: `Created organization "${data.orgName}" (${result.orgSlug}) with administrator ${data.email}.`, data: { ...result, signInUrl: `${deps.publicUrl}/admin/login` } };
}

export async function runAddOrgCommand(input: unknown, deps: FlowDeps): Promise<CommandResult> {
  const data = addOrgCommandInput.parse(input);
  const org = await deps.db.transaction(async (tx) => {
    const created = await createOrg(tx, data);
    await recordAudit(tx, deps.ctx, { event: 'org.created', outcome: 'success', orgId: created.id, details: { via: 'cli' } });
    return created;
  });
  return { message: `Created organization "${org.name}" (${org.slug}).`, data: { id: org.id, slug: org.slug } };
}

export async function runAddUserCommand(input: unknown, deps: FlowDeps): Promise<CommandResult> {
  const data = addUserCommandInput.parse(input);
  if (data.invite && data.password) throw new AppError('request.invalid', 'Use either --invite or --password-stdin, not both.');
  const org = await findOrgBySlug(deps.db, data.org);
  if (!org) throw new AppError('org.not_found', `No organization with the slug "${data.org}".`);
  const role = data.admin ? 'admin' : 'member';
  const existing = await findUserByEmail(deps.db, data.email);

  if (data.invite || (existing && data.existingAccount === 'invite')) {
    const invitation = await sendInvitation(org.id, { email: data.email, role, firstName: data.firstName, lastName: data.lastName, username: data.username }, deps);
    return { message: `Invited ${invitation.email} to ${org.slug}.`, data: { invitationId: invitation.id } };
  }
  if (existing) {
    // DESIGN.md: one identity, one password. A membership in one more organization leaves that
    // password as it is, so a password given here would be silently dropped: refuse instead.
    if (data.password) {
      throw new AppError('request.invalid', `${existing.email} already has a Tessera account, and adding it to ${org.slug} does not change its password. Run the command again without --password-stdin: the person signs in with the password they have.`);
    }
    await deps.db.transaction(async (tx) => {
      await addMembership(tx, { orgId: org.id, userId: existing.id, role, username: data.username });
      await recordAudit(tx, deps.ctx, { event: 'membership.added', outcome: 'success', orgId: org.id, targetUserId: existing.id, details: { role, via: data.via } });
    });
    return { message: `Added ${existing.email} (existing account) to ${org.slug} as ${role}.`, data: { userId: existing.id } };
  }
  let passwordHash: string | undefined;
  if (data.password) {
    await checkNewPassword(org.policies.password, data.password, { email: data.email, usernames: [data.username] });
    passwordHash = await hashPassword(data.password, deps.argon2);
  }
  const user = await deps.db.transaction(async (tx) => {
    const created = await createUser(tx, { email: data.email, firstName: data.firstName, lastName: data.lastName, passwordHash, emailVerified: data.via === 'cli' });
    await addMembership(tx, { orgId: org.id, userId: created.id, role, username: data.username });
    await recordAudit(tx, deps.ctx, { event: 'user.created', outcome: 'success', orgId: org.id, targetUserId: created.id, details: { role, via: data.via } });
    return created;
  });
  const note = passwordHash ? '' : ' without a password (they can set one with Reset User Password)';
  return { message: `Created ${user.email} in ${org.slug} as ${role}${note}.`, data: { userId: user.id } };
}

/** `tessera keys rotate`: new OIDC signing keys sign from now on; the old ones stay published for a day. */
export async function runRotateKeysCommand(_input: unknown, deps: FlowDeps): Promise<CommandResult> {
  const { retired } = await rotateOidcKeys(deps.db, deps.masterKey);
  await recordAudit(deps.db, deps.ctx, { event: 'oidc.keys_rotated', outcome: 'success', details: { retired } });
  return {
    // Which servers sign with them, and when, is for the caller to say: only it knows whether one runs (cli/keys-rotate-command.ts).
    message: `New signing keys (ES256, RS256) are in use. ${retired} old key(s) stay in the JWKS for ${RETIRED_KEY_GRACE_HOURS} hours so tokens they signed still verify.`,
    data: { retired },
  };
}

export const resetMfaCommandInput = z.object({ email: emailField });

/** `tessera user reset-mfa`: the operator removes a person's second factors, whatever organizations they are in. */
export async function runResetMfaCommand(input: unknown, deps: FlowDeps): Promise<CommandResult> {
  const data = resetMfaCommandInput.parse(input);
  const user = await findUserByEmail(deps.db, data.email);
  if (!user) throw new AppError('user.not_found', `No account with the address ${data.email}.`);
  const orgIds = (await listMemberships(deps.db, user.id)).map((m) => m.orgId);
  const removed = await resetFactors(deps, user, orgIds, 'cli');
  if (removed === 0) return { message: `${user.email} has no second factors: there was nothing to reset, and no e-mail was sent.`, data: { removed } };
  return { message: `Removed ${removed} second factor(s) of ${user.email}. They were told by e-mail, and set up a new one at their next sign-in where their organization requires it.`, data: { removed } };
}
