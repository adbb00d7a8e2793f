import { eq } from 'drizzle-orm';
import { setLanguageInput } from '../../../../contract/language.ts';
import { users } from '../../db/schema/index.ts';
import type { FlowDeps } from '../deps.ts';
import type { Me } from './my-profile.ts';

/**
 * The person's language, chosen in the account menu: the portal speaks it on every browser they
 * sign in on, and their e-mails and the OIDC `locale` claim follow it. A preference, not a
 * security setting: no locks, no audit row.
 */
export async function setMyLanguage({ user }: Me, input: unknown, deps: FlowDeps): Promise<void> {
  const { language } = setLanguageInput.parse(input);
  await deps.db.update(users).set({ language }).where(eq(users.id, user.id));
}
