import { useState } from 'react';
import { Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcApp } from '../../../../contract/oidc-apps.ts';
import { oidcAppKeys, oidcAppsApi } from '../../api/oidc-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { AppSettingsCard } from './AppSettingsCard.tsx';
import { isConfidentialKind, oidcFormOf, oidcFormSchema, oidcUpdateBody, type OidcFormValues } from './oidc-form.ts';
import { OidcCredentialsDialog } from './OidcCredentialsDialog.tsx';
import { OidcSettingsFields } from './OidcSettingsFields.tsx';

type Props = { app: OidcApp };

/**
 * The settings of an existing application: what people see of it, redirect URIs, grants, consent, "Require MFA"…
 * Its kind decides its secret: becoming single-page or native drops it (asked first), becoming a web or
 * machine application brings a new one, shown once like at creation.
 */
export function OidcAppSettingsForm({ app }: Props) {
  const { t } = useTranslation();
  const form = useAppForm<OidcFormValues>(oidcFormSchema, oidcFormOf(app));
  const [secret, setSecret] = useState<string>();
  const update = async (v: OidcFormValues) => {
    // The secret goes to the dialog only, never into the query cache.
    const { clientSecret, ...saved } = await oidcAppsApi.update(app.id, oidcUpdateBody(v));
    if (clientSecret) setSecret(clientSecret);
    return saved;
  };
  const confirm = (v: OidcFormValues) =>
    app.hasSecret && !isConfidentialKind(v.kind) ? { title: t('adminOidc.dropSecretTitle'), text: t('adminOidc.dropSecretWarning'), action: t('adminOidc.dropSecretConfirm') } : undefined;
  return (
    <>
      <AppSettingsCard id="oidc-settings" form={form} detailKey={oidcAppKeys.detail(app.id)} update={update} formOf={oidcFormOf} confirm={confirm}>
        <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
        <Textarea label={t('adminApps.details')} {...form.getInputProps('details')} />
        <OidcSettingsFields form={form} />
      </AppSettingsCard>
      {secret && <OidcCredentialsDialog title={t('adminOidc.rotatedTitle')} clientId={app.clientId} clientSecret={secret} onClose={() => setSecret(undefined)} />}
    </>
  );
}
