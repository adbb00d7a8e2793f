import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcForm } from './oidc-form.ts';

type Props = { form: OidcForm; path: 'redirectUris' | 'postLogoutRedirectUris'; label: string; itemLabel: string; required?: boolean };

/** A list of exact URIs, one input per URI, so a refused one shows its error on its own row. */
export function UriListField({ form, path, label, itemLabel, required }: Props) {
  const { t } = useTranslation();
  const uris = form.values[path];
  return (
    <Fieldset legend={label} variant="unstyled" p={0} styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', padding: 0, marginBottom: 4 } }}>
      <Stack gap="xs">
        {uris.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('adminOidc.noUris')}
          </Text>
        )}
        {uris.map((_, i) => (
          <Group key={i} align="start" gap="xs" wrap="nowrap">
            <TextInput
              flex={1}
              type="url"
              aria-label={t('adminOidc.uriN', { label: itemLabel, n: i + 1 })}
              placeholder="https://app.example.com/callback"
              required={required && i === 0}
              {...form.getInputProps(`${path}.${i}`)}
            />
            <ActionIcon variant="subtle" color="red" size="lg" onClick={() => form.removeListItem(path, i)} aria-label={t('adminOidc.removeUri', { label: itemLabel, n: i + 1 })}>
              <span aria-hidden>×</span>
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between" align="start">
          <Text size="xs" c="dimmed" maw={520}>
            {t('adminOidc.uriRules')}
          </Text>
          <Button size="xs" variant="default" onClick={() => form.insertListItem(path, '')} disabled={uris.length >= 20}>
            {t('adminOidc.addUri')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
