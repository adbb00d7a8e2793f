import { Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { saveText } from '../lib/save-text.ts';

/** `titled`: false inside a dialog, whose own title says it. */
type Props = { codes: string[]; onSaved?(): void; titled?: boolean };

/** Shown once: the codes, a text download, and (in the sign-in flow) "I have saved my codes". */
export function RecoveryCodes({ codes, onSaved, titled = true }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {titled && <Text fw={600}>{t('login.codesTitle')}</Text>}
      <Text size="sm">{t('login.codesHelp')}</Text>
      <SimpleGrid cols={2} data-testid="recovery-codes">
        {codes.map((c) => (
          <Code key={c} ta="center" fz="md">
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group>
        <Button variant="default" onClick={() => saveText('tessera-recovery-codes.txt', codes.join('\n') + '\n')}>
          {t('common.download')}
        </Button>
        {onSaved && <Button onClick={onSaved}>{t('login.codesSaved')}</Button>}
      </Group>
    </Stack>
  );
}
