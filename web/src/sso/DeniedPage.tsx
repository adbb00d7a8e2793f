import { useMutation } from '@tanstack/react-query';
import { Button, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ssoApi } from '../api/sso.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ownOidcUrl } from './sso-targets.ts';

const INTERACTION = /^[A-Za-z0-9_-]{10,64}$/;

/**
 * "You don't have access to this application": nothing was issued. From an OIDC sign-in the
 * person can go back to the application, which then learns `access_denied`.
 */
export function DeniedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const interaction = params.get('interaction');
  const uid = interaction && INTERACTION.test(interaction) ? interaction : undefined;
  const back = useMutation({
    mutationFn: async (id: string) => {
      const { redirectTo } = await ssoApi.abortInteraction(id);
      const to = ownOidcUrl(redirectTo, window.location.origin);
      if (!to) throw new ApiError(502, undefined);
      return to;
    },
    onSuccess: (to) => window.location.assign(to),
  });

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
