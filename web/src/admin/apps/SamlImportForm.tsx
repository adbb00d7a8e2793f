import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, FileInput, Group, Select, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { samlNameIdFormats } from '../../../../contract/saml-apps.ts';
import { adminKeys } from '../../api/admin.ts';
import { samlAppsApi } from '../../api/saml-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';
import { markServerFields } from './mark-server-fields.ts';
import { emptySamlImportForm, samlImportBody, samlImportFormSchema, type SamlFormValues } from './saml-form.ts';
import { SamlAppFields } from './SamlAppFields.tsx';
import { SamlAttributesField } from './SamlAttributesField.tsx';
import { SamlMfaField } from './SamlMfaField.tsx';

type Props = { onCreated(app: SamlApp): void };

/** "Import metadata": the SP's metadata XML, from a file read in the browser or pasted. */
export function SamlImportForm({ onCreated }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useAppForm<SamlFormValues>(samlImportFormSchema, emptySamlImportForm);
  const [file, setFile] = useState<File | null>(null);
  const create = useMutation({
    mutationFn: (values: SamlFormValues) => samlAppsApi.importMetadata(samlImportBody(values)),
    onSuccess: async (app) => {
      onCreated(app);
      form.setValues(emptySamlImportForm);
      form.resetDirty();
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
    },
    onError: (err) => markServerFields(form, err),
  });
  async function readFile(f: File | null) {
    setFile(f);
    if (f) form.setFieldValue('metadataXml', await f.text());
  }
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack>
        <ErrorAlert error={create.error} />
        <SamlAppFields form={form} />
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
        <Select
          label={t('adminSaml.nameIdFormat')}
          allowDeselect={false}
          data={[{ value: '', label: t('adminSaml.nameIdFromMetadata') }, ...samlNameIdFormats.map((f) => ({ value: f, label: t(`adminSaml.nameId_${f}`) }))]}
          {...form.getInputProps('nameIdFormat')}
        />
        <SamlAttributesField form={form} />
        <SamlMfaField form={form} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('adminApps.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
