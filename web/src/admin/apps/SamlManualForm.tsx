import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { samlAppsApi } from '../../api/saml-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { emptySamlForm, samlCreateBody, samlFormSchema, type SamlFormValues } from './saml-form.ts';
import { NewAppForm } from './NewAppForm.tsx';
import { SamlAppFields } from './SamlAppFields.tsx';
import { SamlSettingsFields } from './SamlSettingsFields.tsx';

type Props = { onCreated(app: SamlApp): void };

/** "Enter manually": entity ID, ACS URLs, NameID format, signing, attributes, "Require MFA". */
export function SamlManualForm({ onCreated }: Props) {
  const { t } = useTranslation();
  const form = useAppForm<SamlFormValues>(samlFormSchema, emptySamlForm);
  return (
    <NewAppForm form={form} empty={emptySamlForm} create={(v: SamlFormValues) => samlAppsApi.create(samlCreateBody(v))} onCreated={onCreated} submitLabel={t('adminApps.create')}>
      <SamlAppFields form={form} />
      <SamlSettingsFields form={form} />
    </NewAppForm>
  );
}
