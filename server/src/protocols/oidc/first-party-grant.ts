import type { KoaContextWithOIDC } from 'oidc-provider';
import type { StoredOidcSettings } from '../../domain/apps/oidc-client.ts';
import { adoptedTesseraSession } from './session-check.ts';

type Grant = InstanceType<KoaContextWithOIDC['oidc']['provider']['Grant']>;
/** Claims every ID token carries anyway: the consent prompt never asks for them either. */
const ALWAYS = new Set(['sub', 'sid', 'auth_time', 'acr', 'amr', 'iss']);

/**
 * oidc-provider's `loadExistingGrant`: the grant this authorization continues (the consent's, or
 * the one this browser's session holds for the client), else — only right after Tessera's own
 * interaction let the person in, or a silent request took on their Tessera session, its access
 * rules met — for an application whose consent the organization gives (implicit), or, for a silent
 * request, whose consent the person gave before (never a native one, which the provider always
 * asks), the grant of what the client asked for. The first launch of such an application then takes one interaction,
 * not two (the second only said "consent given"). The launch is audited when the code goes out
 * (audit-provider-events.ts).
 */
export function loadGrantFor(
  settingsOf: (clientId: string) => Promise<{ settings: StoredOidcSettings; app: { id: string; orgId: string } } | undefined>,
  rememberedConsent: (accountId: string, appId: string, scopes: string[]) => Promise<boolean>,
) {
  return async (ctx: KoaContextWithOIDC): Promise<Grant | undefined> => {
    const { oidc } = ctx;
    const clientId = oidc.client!.clientId;
    const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(clientId);
    if (grantId) return oidc.provider.Grant.find(grantId);
    const accountId = oidc.account?.accountId;
    if (!(oidc.result?.login || adoptedTesseraSession(ctx)) || !accountId || oidc.client!.applicationType === 'native') return undefined;
    const client = await settingsOf(clientId);
    if (!client) return undefined;
    const scopes = [...oidc.requestParamOIDCScopes];
    // A silent request cannot ask: the consent this person gave before (and did not take back on the
    // Security page) stands, as the interaction itself would let it (oidc-interaction.ts).
    const given = client.settings.consent === 'implicit' || (adoptedTesseraSession(ctx) && (await rememberedConsent(accountId, client.app.id, scopes)));
    if (!given) return undefined;
    const grant = new oidc.provider.Grant({ accountId, clientId });
    grant.addOIDCScope(scopes.join(' '));
    const claims = [...oidc.requestParamClaims].filter((c) => !ALWAYS.has(c));
    if (claims.length) grant.addOIDCClaims(claims);
    await grant.save();
    return grant;
  };
}
