import type { Queryable } from '../../db/open.ts';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { StoredSaml } from '../../domain/saml/saml-app-store.ts';
import { invalid, PROTOCOL, readSpRequest, type InboundMessage } from './read-sp-request.ts';
import { childElements } from './xml-guards.ts';

export type LogoutResponse = { app: AppRow; settings: StoredSaml; inResponseTo: string; success: boolean; relayState: string | null };

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * An SP's answer to the LogoutRequest the IdP sent it (SAML core §3.7.2): the same gate as its
 * requests, then it must say which request it answers.
 */
export async function parseLogoutResponse(db: Queryable, orgId: string, sloUrl: string, msg: InboundMessage, now = new Date()): Promise<LogoutResponse> {
  const { root, app, settings, relayState } = await readSpRequest(db, orgId, sloUrl, msg, 'LogoutResponse', now);
  const inResponseTo = root.getAttribute('InResponseTo');
  if (!inResponseTo) throw invalid('The logout response does not say which request it answers.');
  const code = childElements(root, PROTOCOL, 'Status').flatMap((s) => childElements(s, PROTOCOL, 'StatusCode'))[0]?.getAttribute('Value');
  return { app, settings, inResponseTo, success: code === SUCCESS, relayState };
}
