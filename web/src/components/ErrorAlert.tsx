import { Alert, Text } from '@mantine/core';
import { describeError } from './describe-error.ts';

type Props = { error: unknown };

/** One way to show a failed request: the text for its code, announced to screen readers. */
export function ErrorAlert({ error }: Props) {
  if (!error) return null;
  const { text, detail } = describeError(error);
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
