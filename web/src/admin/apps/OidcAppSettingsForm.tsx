import { Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcApp } from '../../../../contract/oidc-apps.ts';
import { oidcAppKeys, oidcAppsApi } from '../../api/oidc-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { AppSettingsCard } from './AppSettingsCard.tsx';
import { oidcFormOf, oidcFormSchema, oidcUpdateBody, type OidcFormValues } from './oidc-form.ts';
import { OidcSettingsFields } from './OidcSettingsFields.tsx';

type Props = { app: OidcApp };

/** The settings of an existing application: what people see of it, redirect URIs, grants, consent, "Require MFA"… */
export function OidcAppSettingsForm({ app }: Props) {
  const { t } = useTranslation();
  const form = useAppForm<OidcFormValues>(oidcFormSchema, oidcFormOf(app));
  return (
    <AppSettingsCard id="oidc-settings" form={form} detailKey={oidcAppKeys.detail(app.id)} update={(v: OidcFormValues) => oidcAppsApi.update(app.id, oidcUpdateBody(v))} formOf={oidcFormOf}>
      <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
      <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
      <Textarea label={t('adminApps.details')} {...form.getInputProps('details')} />
      <OidcSettingsFields form={form} />
    </AppSettingsCard>
  );
}
