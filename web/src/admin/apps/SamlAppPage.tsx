import { useQuery } from '@tanstack/react-query';
import { Anchor, Card, Skeleton, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { samlAppQueries } from '../../api/saml-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SamlAppSettingsForm } from './SamlAppSettingsForm.tsx';
import { SamlIdpDetails } from './SamlIdpDetails.tsx';

/** One SAML application: what its service provider needs from us, and its settings. */
export function SamlAppPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const app = useQuery(samlAppQueries.detail(id));
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
          <Card withBorder component="section" aria-labelledby="saml-idp">
            <Stack gap="sm">
              <Title order={2} size="h4" id="saml-idp">
                {t('adminSaml.idpDetails')}
              </Title>
              <SamlIdpDetails />
            </Stack>
          </Card>
          <SamlAppSettingsForm key={app.data.id} app={app.data} />
        </>
      )}
    </Stack>
  );
}
