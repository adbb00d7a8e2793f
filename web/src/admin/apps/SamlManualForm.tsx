import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { adminKeys } from '../../api/admin.ts';
import { samlAppsApi } from '../../api/saml-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';
import { markServerFields } from './mark-server-fields.ts';
import { emptySamlForm, samlCreateBody, samlFormSchema, type SamlFormValues } from './saml-form.ts';
import { SamlAppFields } from './SamlAppFields.tsx';
import { SamlSettingsFields } from './SamlSettingsFields.tsx';

type Props = { onCreated(app: SamlApp): void };

/** "Enter manually": entity ID, ACS URLs, NameID format, signing, attributes, "Require MFA". */
export function SamlManualForm({ onCreated }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useAppForm<SamlFormValues>(samlFormSchema, emptySamlForm);
  const create = useMutation({
    mutationFn: (values: SamlFormValues) => samlAppsApi.create(samlCreateBody(values)),
    onSuccess: async (app) => {
      onCreated(app);
      form.setValues(emptySamlForm);
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
    },
    onError: (err) => markServerFields(form, err),
  });
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack>
        <ErrorAlert error={create.error} />
        <SamlAppFields form={form} />
        <SamlSettingsFields form={form} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('adminApps.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
