import { TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SamlForm } from './saml-form.ts';

type Props = { form: SamlForm };

/** Name, description and the details shown on the tile: the same on both tabs and the settings page. */
export function SamlAppFields({ form }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
      <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
      <Textarea label={t('adminApps.details')} {...form.getInputProps('details')} />
    </>
  );
}
