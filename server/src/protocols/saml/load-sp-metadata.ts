import { fetchOutbound } from '../outbound/fetch-outbound.ts';
import type { OutboundNetwork } from '../outbound/outbound-networks.ts';

/** Metadata with several certificates and endpoints stays far below this. */
export const SP_METADATA_MAX_BYTES = 256 * 1024;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * The SP's metadata XML as the administrator gave it: pasted, or published at an address that the
 * server fetches once (public addresses and the operator's allowed networks only, bounded in size and time). Nothing is re-fetched
 * later: what was imported is what the administrator reviewed.
 */
export async function loadSpMetadata(source: { metadataXml?: string; metadataUrl?: string }, o: { allow: readonly OutboundNetwork[] }): Promise<string> {
  if (source.metadataXml !== undefined) return source.metadataXml;
  const { body } = await fetchOutbound(source.metadataUrl!, {
    maxBytes: SP_METADATA_MAX_BYTES,
    timeoutMs: FETCH_TIMEOUT_MS,
    accept: 'application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8',
    allow: o.allow,
  });
  return body;
}
