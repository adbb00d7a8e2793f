import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useReturnToApp } from './use-return-to-app.ts';

/**
 * "You don't have access to this application": nothing was issued. From an OIDC sign-in the
 * person can go back to the application, which then learns `access_denied`.
 */
export function DeniedPage() {
  const { t } = useTranslation();
  const { uid, back } = useReturnToApp('no_access');

  return (
    <AuthCard title={t('sso.deniedTitle')}>
      <Stack gap="md">
        <Text>{t('sso.deniedHelp')}</Text>
        <ErrorAlert error={back.error} />
        {uid && (
          <Button onClick={() => back.mutate(uid)} loading={back.isPending || back.isSuccess}>
            {t('sso.returnToApp')}
          </Button>
        )}
        <Button component={Link} to="/" variant={uid ? 'default' : 'filled'}>
          {t('sso.backToPortal')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
