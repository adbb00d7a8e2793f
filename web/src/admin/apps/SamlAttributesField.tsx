import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { samlAttributeSources } from '../../../../contract/saml-apps.ts';
import type { SamlForm } from './saml-form.ts';

type Props = { form: SamlForm };

/** Attribute mapping: the attribute Name the SP expects, and the profile field (or groups) it carries. */
export function SamlAttributesField({ form }: Props) {
  const { t } = useTranslation();
  const rows = form.values.attributes;
  const sources = samlAttributeSources.map((s) => ({ value: s, label: t(`adminSaml.source_${s}`) }));
  return (
    <Fieldset legend={t('adminSaml.attributes')} variant="unstyled" p={0} styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', padding: 0, marginBottom: 4 } }}>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('adminSaml.attributesHelp')}
        </Text>
        {rows.map((_, i) => (
          <Group key={i} align="start" gap="xs" wrap="nowrap">
            <TextInput flex={1} aria-label={t('adminSaml.attributeNameN', { n: i + 1 })} placeholder="email" {...form.getInputProps(`attributes.${i}.name`)} />
            <Select w={200} aria-label={t('adminSaml.attributeSourceN', { n: i + 1 })} data={sources} allowDeselect={false} {...form.getInputProps(`attributes.${i}.source`)} />
            <ActionIcon variant="subtle" color="red" size="lg" onClick={() => form.removeListItem('attributes', i)} aria-label={t('adminSaml.removeAttribute', { n: i + 1 })}>
              <span aria-hidden>×</span>
            </ActionIcon>
          </Group>
        ))}
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={() => form.insertListItem('attributes', { name: '', source: 'email' })} disabled={rows.length >= 30}>
            {t('adminSaml.addAttribute')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
