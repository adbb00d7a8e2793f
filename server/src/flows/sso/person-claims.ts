import { employmentInput, personalInput } from '../../../../contract/profile.ts';
import { listUserGroupNames } from '../../domain/groups/group-store.ts';
import { findMembership, findUserById } from '../../domain/users/user-store.ts';
import type { Queryable } from '../../db/open.ts';

/**
 * What an application may learn about a person, as one organization knows them: the profile
 * (OIDC Core §5.1 names) and their groups there. Scopes and attribute mappings pick from it.
 */
export type PersonClaims = {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  given_name: string;
  family_name: string;
  preferred_username: string;
  locale: string;
  phone_number?: string;
  address?: { street_address: string; locality: string; region: string; postal_code: string; country: string };
  groups: string[];
  job_title?: string;
  department?: string;
  employee_id?: string;
};

export async function loadPersonClaims(db: Queryable, orgId: string, userId: string): Promise<PersonClaims | undefined> {
  const [user, membership, groups] = await Promise.all([findUserById(db, userId), findMembership(db, orgId, userId), listUserGroupNames(db, orgId, userId)]);
  if (!user || !membership) return undefined;
  const personal = personalInput.parse(user.personal ?? {});
  const work = employmentInput.parse(membership.employment ?? {});
  const phone = personal.workPhone || personal.workCell;
  const hasAddress = work.street || work.city || work.zipCode || work.country;
  return {
    sub: user.id,
    email: user.email,
    // Invitations are accepted through a link sent to this address; setup and the CLI are the admin's word.
    email_verified: true,
    name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email,
    given_name: user.firstName,
    family_name: user.lastName,
    preferred_username: membership.username || user.email,
    locale: user.language,
    ...(phone ? { phone_number: phone } : {}),
    ...(hasAddress ? { address: { street_address: work.street, locality: work.city, region: work.state, postal_code: work.zipCode, country: work.country } } : {}),
    groups,
    ...(work.jobTitle ? { job_title: work.jobTitle } : {}),
    ...(work.department ? { department: work.department } : {}),
    ...(work.employeeId ? { employee_id: work.employeeId } : {}),
  };
}
