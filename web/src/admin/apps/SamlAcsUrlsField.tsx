import { ActionIcon, Button, Fieldset, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SamlForm } from './saml-form.ts';

type Props = { form: SamlForm };

/** The SP's assertion consumer service URLs, one input per URL so a refused one shows its error on its row. */
export function SamlAcsUrlsField({ form }: Props) {
  const { t } = useTranslation();
  const urls = form.values.acsUrls;
  return (
    <Fieldset legend={t('adminSaml.acsUrls')} variant="unstyled" p={0} styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', padding: 0, marginBottom: 4 } }}>
      <Stack gap="xs">
        {urls.map((_, i) => (
          <Group key={i} align="start" gap="xs" wrap="nowrap">
            <TextInput
              flex={1}
              type="url"
              aria-label={t('adminSaml.acsUrlN', { n: i + 1 })}
              placeholder="https://app.example.com/saml/acs"
              required={i === 0}
              {...form.getInputProps(`acsUrls.${i}`)}
            />
            {urls.length > 1 && (
              <ActionIcon variant="subtle" color="red" size="lg" onClick={() => form.removeListItem('acsUrls', i)} aria-label={t('adminSaml.removeAcsUrl', { n: i + 1 })}>
                <span aria-hidden>×</span>
              </ActionIcon>
            )}
          </Group>
        ))}
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={() => form.insertListItem('acsUrls', '')} disabled={urls.length >= 10}>
            {t('adminSaml.addAcsUrl')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
