import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { auditEventText } from '../i18n/index.ts';

type Props = { name: string };

/**
 * What happened, in words, over its code: the code is what the Event filter and the CSV export
 * speak, so an administrator reads it here to type it there. A name this web does not know (a newer
 * server's) is shown as its code alone.
 */
export function AuditEventName({ name }: Props) {
  useTranslation(); // re-renders on a change of language, which auditEventText reads
  const text = auditEventText(name);
  const code = <Text component="span" size="xs" ff="monospace" c="gray.7">{name}</Text>;
  if (!text) return code;
  return (
    <Stack gap={0}>
      <Text component="span" size="sm">{text}</Text>
      {code}
    </Stack>
  );
}
