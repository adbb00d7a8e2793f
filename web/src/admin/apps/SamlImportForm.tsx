import { useState } from 'react';
import { FileInput, SegmentedControl, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { samlNameIdFormats } from '../../../../contract/saml-apps.ts';
import { samlAppsApi } from '../../api/saml-apps.ts';
import { ApiError } from '../../api/client.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { NewAppForm } from './NewAppForm.tsx';
import { emptySamlImportForm, samlImportBody, samlImportFormSchema, type SamlFormValues } from './saml-form.ts';
import { SamlAppFields } from './SamlAppFields.tsx';
import { SamlAttributesField } from './SamlAttributesField.tsx';
import { SamlMfaField } from './SamlMfaField.tsx';

type Props = { onCreated(app: SamlApp): void };

// What the server could not use of the metadata is said at the metadata's own field.
const METADATA_CODES = new Set(['saml.metadata_invalid', 'outbound.failed', 'outbound.refused', 'request.too_large']);
const metadataField = (error: unknown, v: SamlFormValues) =>
  error instanceof ApiError && METADATA_CODES.has(error.code) ? (v.metadataSource === 'url' ? 'metadataUrl' : 'metadataXml') : undefined;

/**
 * "Import metadata": the SP's metadata XML, from a file read in the browser or pasted, or the
 * address it is published at (the server fetches it once).
 */
export function SamlImportForm({ onCreated }: Props) {
  const { t } = useTranslation();
  const form = useAppForm<SamlFormValues>(samlImportFormSchema, emptySamlImportForm);
  const [file, setFile] = useState<File | null>(null);
  const created = (app: SamlApp) => {
    setFile(null);
    onCreated(app);
  };
  async function readFile(f: File | null) {
    setFile(f);
    if (f) form.setFieldValue('metadataXml', await f.text());
  }
  return (
    <NewAppForm form={form} empty={emptySamlImportForm} create={(v: SamlFormValues) => samlAppsApi.importMetadata(samlImportBody(v))} onCreated={created} submitLabel={t('adminApps.create')} refusedField={metadataField}>
      <SamlAppFields form={form} />
      <SegmentedControl
        aria-label={t('adminSaml.metadataSource')}
        data={[
          { value: 'xml', label: t('adminSaml.metadataFromXml') },
          { value: 'url', label: t('adminSaml.metadataFromUrl') },
        ]}
        w={{ base: '100%', sm: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
        {...form.getInputProps('metadataSource')}
      />
      {form.values.metadataSource === 'url' ? (
        <TextInput label={t('adminSaml.spMetadataUrl')} description={t('adminSaml.spMetadataUrlHelp')} required type="url" placeholder="https://sp.example.com/saml/metadata" {...form.getInputProps('metadataUrl')} />
      ) : (
        <>
          <FileInput label={t('adminSaml.metadataFile')} description={t('adminSaml.metadataFileHelp')} accept=".xml,application/xml,text/xml,application/samlmetadata+xml" value={file} onChange={readFile} clearable w={{ base: '100%', sm: 360 }} />
          <Textarea
            label={t('adminSaml.metadataXml')}
            required
            autosize
            minRows={5}
            maxRows={14}
            placeholder='<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" …>'
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            {...form.getInputProps('metadataXml')}
          />
        </>
      )}
      <Select
        label={t('adminSaml.nameIdFormat')}
        allowDeselect={false}
        data={[{ value: '', label: t('adminSaml.nameIdFromMetadata') }, ...samlNameIdFormats.map((f) => ({ value: f, label: t(`adminSaml.nameId_${f}`) }))]}
        {...form.getInputProps('nameIdFormat')}
      />
      <SamlAttributesField form={form} />
      <SamlMfaField form={form} />
    </NewAppForm>
  );
}
