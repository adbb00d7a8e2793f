import { useQuery } from '@tanstack/react-query';
import { Anchor, Card, Skeleton, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { issuerOf, oidcAppQueries } from '../../api/oidc-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
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
    <Stack>
      <Anchor component={Link} to="/admin/applications" size="sm">
        {t('adminOidc.backToApps')}
      </Anchor>
      {app.isPending ? (
        <>
          <Skeleton h={36} w={240} />
          <Skeleton h={200} />
        </>
      ) : app.isError ? (
        <>
          <Title order={1} size="h2">
            {t('adminNav.applications')}
          </Title>
          <ErrorAlert error={app.error} />
        </>
      ) : (
        <>
          <Title order={1} size="h2">
            {app.data.name}
          </Title>
          <Card withBorder component="section" aria-labelledby="oidc-endpoints">
            <Stack gap="sm">
              <Title order={2} size="h4" id="oidc-endpoints">
                {t('adminOidc.endpoints')}
              </Title>
              <CopyField label={t('adminOidc.clientId')} value={app.data.clientId} testId="client-id" />
              <CopyField label={t('adminOidc.issuer')} value={issuer} />
              <CopyField label={t('adminOidc.discovery')} value={discovery} />
            </Stack>
          </Card>
          {(app.data.settings.kind === 'web' || app.data.settings.kind === 'machine') && <OidcSecretCard app={app.data} />}
          <OidcAppSettingsForm key={app.data.id} app={app.data} />
        </>
      )}
    </Stack>
  );
}
