import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { ASSERTION, invalid, PROTOCOL, readSpRequest, type InboundMessage } from './read-sp-request.ts';
import { childElements as children } from './xml-guards.ts';

export type LogoutRequest = { app: AppRow; settings: StoredSaml; requestId: string; nameId: string; sessionIndexes: string[]; relayState: string | null };

/**
 * A LogoutRequest (SAML core §3.7.1) passes the same gate as an AuthnRequest (SAML profiles
 * §4.4.4.1 wants logout messages authenticated), then must name one person.
 */
export async function parseLogoutRequest(db: Queryable, orgId: string, sloUrl: string, msg: InboundMessage, now = new Date()): Promise<LogoutRequest> {
  const { root, ...request } = await readSpRequest(db, orgId, sloUrl, msg, 'LogoutRequest', now);
  const nameIds = children(root, ASSERTION, 'NameID');
  const nameId = nameIds[0]?.textContent?.trim();
  if (nameIds.length !== 1 || !nameId) throw invalid('The logout request names nobody.');
  const sessionIndexes = children(root, PROTOCOL, 'SessionIndex').map((e) => e.textContent?.trim() ?? '');
  return { ...request, nameId, sessionIndexes };
}
