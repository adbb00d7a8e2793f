import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { adminKeys } from '../../api/admin.ts';
import { oidcAppsApi, type OidcAppCreated } from '../../api/oidc-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';
import { emptyOidcForm, oidcCreateBody, oidcFormSchema, type OidcFormValues } from './oidc-form.ts';
import { OidcCredentialsDialog } from './OidcCredentialsDialog.tsx';
import { OidcSettingsFields } from './OidcSettingsFields.tsx';
import { markServerFields } from './mark-server-fields.ts';

/** Creates an OpenID Connect application, then shows its client ID and (once) its secret. */
export function OidcAppForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useAppForm<OidcFormValues>(oidcFormSchema, emptyOidcForm);
  const [created, setCreated] = useState<OidcAppCreated>();
  const create = useMutation({
    mutationFn: (values: OidcFormValues) => oidcAppsApi.create(oidcCreateBody(values)),
    onSuccess: async (app) => {
      setCreated(app);
      form.setValues(emptyOidcForm);
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
    },
    onError: (err) => markServerFields(form, err),
  });

  return (
    <>
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
        <ErrorAlert error={create.error} />
        <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
        <Textarea label={t('adminApps.details')} {...form.getInputProps('details')} />
        <OidcSettingsFields form={form} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('adminOidc.create')}
          </Button>
        </Group>
        </Stack>
      </form>
      {created && (
        <OidcCredentialsDialog title={t('adminOidc.createdTitle', { name: created.name })} clientId={created.clientId} clientSecret={created.clientSecret} onClose={() => setCreated(undefined)} />
      )}
    </>
  );
}
