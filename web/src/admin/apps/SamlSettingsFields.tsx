import { Checkbox, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { samlNameIdFormats } from '../../../../contract/saml-apps.ts';
import type { SamlForm } from './saml-form.ts';
import { SamlAcsUrlsField } from './SamlAcsUrlsField.tsx';
import { SamlAttributesField } from './SamlAttributesField.tsx';
import { SamlMfaField } from './SamlMfaField.tsx';

type Props = { form: SamlForm };

/** The service provider's settings, shared by the "Enter manually" tab and the settings page. */
export function SamlSettingsFields({ form }: Props) {
  const { t } = useTranslation();
  return (
    <Stack>
      <TextInput label={t('adminSaml.entityId')} description={t('adminSaml.entityIdHelp')} required {...form.getInputProps('entityId')} />
      <SamlAcsUrlsField form={form} />
      <TextInput label={t('adminSaml.sloUrl')} description={t('adminSaml.sloUrlHelp')} type="url" placeholder="https://sp.example.com/saml/slo" {...form.getInputProps('sloUrl')} />
      <TextInput label={t('adminSaml.sloSoapUrl')} description={t('adminSaml.sloSoapUrlHelp')} type="url" placeholder="https://sp.example.com/saml/slo/soap" {...form.getInputProps('sloSoapUrl')} />
      <Select
        label={t('adminSaml.nameIdFormat')}
        allowDeselect={false}
        data={samlNameIdFormats.map((f) => ({ value: f, label: t(`adminSaml.nameId_${f}`) }))}
        {...form.getInputProps('nameIdFormat')}
      />
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('adminSaml.signing')}
        </Text>
        <Checkbox label={t('adminSaml.wantAssertionsSigned')} {...form.getInputProps('wantAssertionsSigned', { type: 'checkbox' })} />
        <Checkbox label={t('adminSaml.wantResponseSigned')} {...form.getInputProps('wantResponseSigned', { type: 'checkbox' })} />
        <Checkbox label={t('adminSaml.signsRequests')} description={t('adminSaml.signsRequestsHelp')} {...form.getInputProps('signsRequests', { type: 'checkbox' })} />
      </Stack>
      <Textarea
        label={t('adminSaml.spCertificate')}
        description={t('adminSaml.spCertificateHelp')}
        required={form.values.signsRequests}
        autosize
        minRows={3}
        maxRows={10}
        placeholder="-----BEGIN CERTIFICATE-----"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        {...form.getInputProps('spCertificate')}
      />
      <SamlAttributesField form={form} />
      <SamlMfaField form={form} />
    </Stack>
  );
}
