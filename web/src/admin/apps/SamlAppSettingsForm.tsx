import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { samlAppKeys, samlAppsApi } from '../../api/saml-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { AppSettingsCard } from './AppSettingsCard.tsx';
import { samlFormOf, samlFormSchema, samlUpdateBody, type SamlFormValues } from './saml-form.ts';
import { SamlAppFields } from './SamlAppFields.tsx';
import { SamlSettingsFields } from './SamlSettingsFields.tsx';

type Props = { app: SamlApp };

/** The settings of an existing service provider. */
export function SamlAppSettingsForm({ app }: Props) {
  const form = useAppForm<SamlFormValues>(samlFormSchema, samlFormOf(app));
  return (
    <AppSettingsCard id="saml-settings" form={form} detailKey={samlAppKeys.detail(app.id)} update={(v: SamlFormValues) => samlAppsApi.update(app.id, samlUpdateBody(v))} formOf={samlFormOf}>
      <SamlAppFields form={form} />
      <SamlSettingsFields form={form} />
    </AppSettingsCard>
  );
}
