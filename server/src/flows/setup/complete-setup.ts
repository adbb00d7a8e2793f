import { AppError } from '../../errors.ts';
import { checkSetupInput, completeSetupInput } from '../../../../contract/setup.ts';
import { consumeSetupToken, isSetupTokenValid } from '../../domain/secrets/link-tokens.ts';
import { countOrgs, createOrg } from '../../domain/orgs/org-store.ts';
import { addMembership, createUser } from '../../domain/users/user-store.ts';
import { checkNewPassword } from '../../domain/credentials/check-new-password.ts';
import { hashPassword } from '../../domain/credentials/password-hash.ts';
import { parseOrgPolicies } from '../../domain/policies/org-policies.ts';
import { openSession } from '../../domain/sessions/open-session.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { Language } from '../../../../contract/language.ts';
import type { FlowDeps } from '../deps.ts';

export async function checkSetup(input: unknown, deps: FlowDeps): Promise<void> {
  const { token } = checkSetupInput.parse(input);
  if ((await countOrgs(deps.db)) > 0) throw new AppError('setup.already_done', 'Tessera is already set up. Sign in instead.');
  if (!(await isSetupTokenValid(deps.db, token))) throw new AppError('token.invalid', 'This setup link is not valid. Restart Tessera to print a new one.');
}

export type SetupResult = { orgId: string; orgSlug: string; userId: string };

/** Creates the first organization and its administrator in one transaction. Used by the page and the CLI. */
export async function createFirstOrganization(
  deps: Pick<FlowDeps, 'db' | 'argon2' | 'ctx'>,
  input: { orgName: string; orgSlug?: string; email: string; firstName?: string; lastName?: string; password: string; language?: Language },
  consume?: (tx: Parameters<Parameters<FlowDeps['db']['transaction']>[0]>[0]) => Promise<boolean>,
): Promise<SetupResult> {
  await checkNewPassword(parseOrgPolicies({}).password, input.password, { email: input.email });
  const passwordHash = await hashPassword(input.password, deps.argon2);
  return deps.db.transaction(async (tx) => {
    if (consume && !(await consume(tx))) throw new AppError('token.invalid', 'This setup link is not valid. Restart Tessera to print a new one.');
    if ((await countOrgs(tx)) > 0) throw new AppError('setup.already_done', 'Tessera is already set up. Sign in instead.');
    const org = await createOrg(tx, { name: input.orgName, slug: input.orgSlug });
    const user = await createUser(tx, { email: input.email, firstName: input.firstName, lastName: input.lastName, language: input.language, passwordHash, emailVerified: true });
    await addMembership(tx, { orgId: org.id, userId: user.id, role: 'admin' });
    await recordAudit(tx, { ...deps.ctx, actorUserId: user.id }, { event: 'setup.completed', outcome: 'success', orgId: org.id, targetUserId: user.id });
    return { orgId: org.id, orgSlug: org.slug, userId: user.id };
  });
}

/** The one-time setup link: creates the first organization and signs its administrator in. */
export async function completeSetup(input: unknown, deps: FlowDeps) {
  const { token, ...data } = completeSetupInput.parse(input);
  const result = await createFirstOrganization(deps, data, (tx) => consumeSetupToken(tx, token));
  const session = await openSession(deps.db, { userId: result.userId, orgId: result.orgId, amr: ['pwd'], authTime: new Date() }, deps.ctx);
  return { redirectTo: '/admin', session };
}
