import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ssoQueries } from '../api/sso.ts';
import { AppIcon } from '../components/AppIcon.tsx';
import { AuthCard } from '../components/AuthCard.tsx';
import { SsoErrorCard } from './SsoErrorPage.tsx';

const OWN_INTERACTION = /^\/api\/oidc\/interaction\/[A-Za-z0-9_-]{10,64}$/;

/**
 * A sign-in page opened again after its request ended (a second tab, Back from the application):
 * "already completed", and the way to the application (its registered launch address, as its
 * portal tile opens it) or the portal. A request still waiting on a later step goes on there; one
 * the server knows nothing of for this person ends on "cannot continue".
 */
export function SsoCompletedPage() {
  const { t } = useTranslation();
  const { uid = '' } = useParams();
  const outcome = useQuery(ssoQueries.outcome(uid));
  const next = outcome.data?.kind === 'continue' && OWN_INTERACTION.test(outcome.data.to) ? outcome.data.to : undefined;
  useEffect(() => {
    if (next) window.location.replace(next);
  }, [next]);

  if (outcome.isError || (outcome.data?.kind === 'continue' && !next)) return <SsoErrorCard code="sso.interaction_not_found" />;
  if (outcome.data?.kind !== 'completed') {
    return (
      <AuthCard title={t('sso.completedTitle')}>
        <Center>
          <Loader aria-label={next ? t('sso.continuing') : t('common.loading')} />
        </Center>
      </AuthCard>
    );
  }
  const { app } = outcome.data;
  return (
    <AuthCard title={t('sso.completedTitle')}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <AppIcon name={app.name} icon={app.icon} size="lg" />
          <Text fw={600} size="lg">
            {app.name}
          </Text>
        </Group>
        <Text data-testid="sso-completed">{t('sso.completedHelp', { name: app.name })}</Text>
        {app.launchUrl && (
          <Button component="a" href={app.launchUrl}>
            {t('sso.openApp', { name: app.name })}
          </Button>
        )}
        <Button component={Link} to="/" variant={app.launchUrl ? 'default' : 'filled'}>
          {t('sso.backToPortal')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
