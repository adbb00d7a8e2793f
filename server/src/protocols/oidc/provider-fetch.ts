import type { Configuration } from 'oidc-provider';
import { fetchOutbound } from '../outbound/fetch-outbound.ts';
import type { OutboundNetwork } from '../outbound/outbound-networks.ts';

/** A client's JWKS with several keys and certificates stays far below this; a logout answer is empty. */
const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 5_000;
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * oidc-provider's outgoing calls (back-channel logout tokens, a client's jwks_uri) go through the
 * same guarded client as SAML's, so one rule decides where Tessera may call: public addresses and
 * the networks its operator allowed (OUTBOUND_ALLOW). The provider's own guard knows no allow-list.
 */
export function providerFetch(allow: readonly OutboundNetwork[]): NonNullable<Configuration['fetch']> {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers);
    const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
    const answer = await fetchOutbound(url, {
      maxBytes: MAX_BYTES,
      timeoutMs: TIMEOUT_MS,
      accept: headers.get('accept') ?? '*/*',
      allow,
      post: body === undefined ? undefined : { contentType: headers.get('content-type') ?? 'application/x-www-form-urlencoded', body },
    });
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  };
}
