import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { issuerOf, oidcAppQueries } from '../../api/oidc-apps.ts';
import { Section } from '../../components/Section.tsx';
import { AppAssignmentsCard } from './AppAssignmentsCard.tsx';
import { AppIconCard } from './AppIconCard.tsx';
import { AppPageFrame } from './AppPageFrame.tsx';
import { DeleteAppCard } from './DeleteAppCard.tsx';
import { CopyField } from './CopyField.tsx';
import { OidcAppSettingsForm } from './OidcAppSettingsForm.tsx';
import { OidcSecretCard } from './OidcSecretCard.tsx';

/** One OpenID Connect application: what its relying party needs, its secret, and its settings. */
export function OidcAppPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const app = useQuery(oidcAppQueries.detail(id));
  const { issuer, discovery } = issuerOf(window.location.origin);
  return (
    <AppPageFrame app={app}>
      {(data) => (
        <>
          <Section id="oidc-endpoints" title={t('adminOidc.endpoints')}>
            <CopyField label={t('adminOidc.clientId')} value={data.clientId} testId="client-id" />
            <CopyField label={t('adminOidc.issuer')} value={issuer} />
            <CopyField label={t('adminOidc.discovery')} value={discovery} />
          </Section>
          {(data.settings.kind === 'web' || data.settings.kind === 'machine') && <OidcSecretCard app={data} />}
          <OidcAppSettingsForm key={data.id} app={data} />
          <AppIconCard appId={data.id} appName={data.name} icon={data.icon} type="oidc" />
          <AppAssignmentsCard appId={data.id} appName={data.name} />
          <DeleteAppCard appId={data.id} appName={data.name} type="oidc" />
        </>
      )}
    </AppPageFrame>
  );
}
