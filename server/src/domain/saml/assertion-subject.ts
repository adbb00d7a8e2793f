import { createHash, createHmac } from 'node:crypto';
import type { Queryable } from '../../db/open.ts';
import { listUserGroupNames } from '../groups/group-store.ts';
import type { MasterKey } from '../secrets/master-key.ts';
import { findMembership, type User } from '../users/user-store.ts';
import type { AppRow } from '../apps/app-store.ts';
import { nameIdKeyContext, type StoredSaml } from './saml-app-store.ts';

export const NAME_ID_FORMATS = {
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
} as const;

export type SamlSubject = {
  nameId: string;
  nameIdFormat: string;
  attributes: { name: string; values: string[] }[];
};

/**
 * SAML core §8.3.7: a persistent identifier is opaque and specific to one SP. An HMAC of the user
 * id under the application's own sealed key: stable for the pair, unlinkable across SPs, and it
 * reveals nothing about the account.
 */
function persistentNameId(masterKey: MasterKey, app: AppRow, settings: StoredSaml, userId: string): string {
  const key = masterKey.decrypt(settings.nameIdKeySealed, nameIdKeyContext(app.orgId));
  return createHmac('sha256', key).update(`${app.id}:${userId}`).digest('base64url');
}

/** The person's NameID at this SP. */
export function nameIdOf(masterKey: MasterKey, app: AppRow, settings: StoredSaml, user: Pick<User, 'id' | 'email'>): string {
  return settings.nameIdFormat === 'persistent' ? persistentNameId(masterKey, app, settings, user.id) : user.email;
}

/** Who the assertion is about, as this SP is configured to see them. */
export async function buildSamlSubject(db: Queryable, masterKey: MasterKey, app: AppRow, settings: StoredSaml, user: User): Promise<SamlSubject> {
  const nameId = nameIdOf(masterKey, app, settings, user);
  const membership = settings.attributes.some((a) => ['username', 'jobTitle', 'department'].includes(a.source)) ? await findMembership(db, app.orgId, user.id) : undefined;
  const groupNames = settings.attributes.some((a) => a.source === 'groups') ? await listUserGroupNames(db, app.orgId, user.id) : [];
  const employment = (membership?.employment ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? [v] : []);
  const valuesOf: Record<StoredSaml['attributes'][number]['source'], () => string[]> = {
    email: () => [user.email],
    firstName: () => text(user.firstName),
    lastName: () => text(user.lastName),
    displayName: () => text(`${user.firstName} ${user.lastName}`.trim()),
    username: () => text(membership?.username),
    groups: () => groupNames,
    jobTitle: () => text(employment.jobTitle),
    department: () => text(employment.department),
  };
  return {
    nameId,
    nameIdFormat: NAME_ID_FORMATS[settings.nameIdFormat],
    attributes: settings.attributes.map((a) => ({ name: a.name, values: valuesOf[a.source]() })).filter((a) => a.values.length > 0),
  };
}

/** SessionIndex: tied to the Tessera session and the SP, without exposing the session's id. */
export function sessionIndexOf(sessionId: string, appId: string): string {
  return `_${createHash('sha256').update(`saml-session:${sessionId}:${appId}`).digest('hex').slice(0, 40)}`;
}
