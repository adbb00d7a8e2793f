import { Alert } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { errorText } from '../i18n/index.ts';

type Props = { error: unknown };

/** One way to show a failed request: the text for its code, announced to screen readers. */
export function ErrorAlert({ error }: Props) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert color="red" role="alert" variant="light">
      {errorText(code)}
    </Alert>
  );
}
