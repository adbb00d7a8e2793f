import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { samlAppQueries } from '../../api/saml-apps.ts';
import { Section } from '../../components/Section.tsx';
import { AppAssignmentsCard } from './AppAssignmentsCard.tsx';
import { AppIconCard } from './AppIconCard.tsx';
import { AppPageFrame } from './AppPageFrame.tsx';
import { DeleteAppCard } from './DeleteAppCard.tsx';
import { SamlAppSettingsForm } from './SamlAppSettingsForm.tsx';
import { SamlIdpDetails } from './SamlIdpDetails.tsx';

/** One SAML application: what its service provider needs from us, and its settings. */
export function SamlAppPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const app = useQuery(samlAppQueries.detail(id));
  return (
    <AppPageFrame app={app}>
      {(data) => (
        <>
          <Section id="saml-idp" title={t('adminSaml.idpDetails')}>
            <SamlIdpDetails />
          </Section>
          <SamlAppSettingsForm key={data.id} app={data} />
          <AppIconCard appId={data.id} appName={data.name} icon={data.icon} type="saml" />
          <AppAssignmentsCard appId={data.id} appName={data.name} />
          <DeleteAppCard appId={data.id} appName={data.name} type="saml" />
        </>
      )}
    </AppPageFrame>
  );
}
