import { useState } from 'react';
import { TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { oidcAppsApi, type OidcAppCreated } from '../../api/oidc-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { emptyOidcForm, oidcCreateBody, oidcFormSchema, type OidcFormValues } from './oidc-form.ts';
import { NewAppForm } from './NewAppForm.tsx';
import { OidcCredentialsDialog } from './OidcCredentialsDialog.tsx';
import { OidcSettingsFields } from './OidcSettingsFields.tsx';
import { focusNewApp } from './focus-new-app.ts';

/** Creates an OpenID Connect application, then shows its client ID and (once) its secret. */
export function OidcAppForm() {
  const { t } = useTranslation();
  const form = useAppForm<OidcFormValues>(oidcFormSchema, emptyOidcForm);
  const [created, setCreated] = useState<OidcAppCreated>();
  return (
    <>
      <NewAppForm form={form} empty={emptyOidcForm} create={(v: OidcFormValues) => oidcAppsApi.create(oidcCreateBody(v))} onCreated={setCreated} submitLabel={t('adminOidc.create')}>
        <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
        <Textarea label={t('adminApps.details')} {...form.getInputProps('details')} />
        <OidcSettingsFields form={form} />
      </NewAppForm>
      {created && (
        <OidcCredentialsDialog title={t('adminOidc.createdTitle', { name: created.name })} clientId={created.clientId} clientSecret={created.clientSecret} onClose={() => (setCreated(undefined), focusNewApp(created.id))} />
      )}
    </>
  );
}
