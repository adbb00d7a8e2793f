import { employmentInput, personalInput } from '../../../../contract/profile.ts';
import { findActivePerson } from '../../domain/users/find-active-person.ts';
import type { Db } from '../../db/open.ts';

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
  /** Only once the person chose a language: no claim beats a guessed one. */
  locale?: string;
  phone_number?: string;
  address?: { street_address: string; locality: string; region: string; postal_code: string; country: string };
  groups: string[];
  job_title?: string;
  department?: string;
  employee_id?: string;
};

/** Undefined unless the person is active, an unsuspended member of the organization, and assigned the application. */
export async function loadPersonClaims(db: Db, app: { id: string; orgId: string }, userId: string): Promise<PersonClaims | undefined> {
  const person = await findActivePerson(db, app, userId);
  if (!person) return undefined;
  const personal = personalInput.parse(person.personal ?? {});
  const work = employmentInput.parse(person.employment ?? {});
  const phone = personal.workPhone || personal.workCell;
  const hasAddress = work.street || work.city || work.zipCode || work.country;
  return {
    sub: person.id,
    email: person.email,
    // Proven by a link mailed to it (invitation, setup, a reset) or vouched for by the operator's CLI;
    // not for an account an organization's administrator made, until its owner takes it back.
    email_verified: person.emailVerifiedAt !== null,
    name: [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email,
    given_name: person.firstName,
    family_name: person.lastName,
    preferred_username: person.username || person.email,
    ...(person.language ? { locale: person.language } : {}),
    ...(phone ? { phone_number: phone } : {}),
    ...(hasAddress ? { address: { street_address: work.street, locality: work.city, region: work.state, postal_code: work.zipCode, country: work.country } } : {}),
    groups: person.groups,
    ...(work.jobTitle ? { job_title: work.jobTitle } : {}),
    ...(work.department ? { department: work.department } : {}),
    ...(work.employeeId ? { employee_id: work.employeeId } : {}),
  };
}
