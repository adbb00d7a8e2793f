import { Alert, Text } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { errorText } from '../i18n/index.ts';

type Props = { error: unknown };

/**
 * Codes whose server message names what to fix in what the person gave (which part of the
 * metadata, why the address failed, what the key lacks): a sentence per code cannot, so the
 * server's own words follow the translated one.
 */
const SPECIFIC = new Set(['saml.metadata_invalid', 'app.invalid', 'ssh_key.invalid', 'outbound.failed', 'outbound.refused']);

/** One way to show a failed request: the text for its code, announced to screen readers. */
export function ErrorAlert({ error }: Props) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  const text = errorText(code);
  const detail = error instanceof ApiError && SPECIFIC.has(error.code) && error.message !== text ? error.message : undefined;
  return (
    <Alert color="red" role="alert" variant="light">
      {text}
      {detail && (
        <Text size="sm" mt={4} data-testid="error-detail">
          {detail}
        </Text>
      )}
    </Alert>
  );
}
