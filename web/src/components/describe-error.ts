import { ApiError } from '../api/client.ts';
import { englishDetail, errorText } from '../i18n/index.ts';
import { CeremonyError } from '../lib/webauthn.ts';

/**
 * Codes whose server message names what to fix in what the person gave (which part of the
 * metadata, why the address failed, what the key lacks): a sentence per code cannot, so the
 * server's own words follow the translated one.
 */
const SPECIFIC = new Set(['saml.metadata_invalid', 'app.invalid', 'ssh_key.invalid', 'outbound.failed', 'outbound.refused']);

/** A failed request as the reader sees it: the sentence for its code, and the server's specifics where they help. */
export function describeError(error: unknown): { text: string; detail?: string } {
  const text = errorText(error instanceof ApiError || error instanceof CeremonyError ? error.code : undefined);
  const detail = error instanceof ApiError && SPECIFIC.has(error.code) && error.message !== text ? englishDetail(error.message) : undefined;
  return { text, detail };
}
