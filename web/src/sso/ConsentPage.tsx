import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppIcon } from '../components/AppIcon.tsx';
import { ApiError } from '../api/client.ts';
import { ssoApi, ssoQueries } from '../api/sso.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ownOidcTarget } from './sso-targets.ts';
import { ScopeList } from './ScopeList.tsx';

/** The consent question of one OIDC sign-in: Allow or Deny, then back to the provider. */
export function ConsentPage() {
  const { t } = useTranslation();
  const { uid = '' } = useParams();
  const question = useQuery(ssoQueries.consent(uid));
  const answer = useMutation({
    mutationFn: (approve: boolean) => ownOidcTarget(ssoApi.answerConsent(uid, approve)),
    onSuccess: (to) => window.location.assign(to),
  });
  const busy = answer.isPending || answer.isSuccess;
  // A question already answered (Back from the application after Allow) or gone: the page that
  // says what became of the request, never "Allow access?" over an error with no way on.
  if (question.error instanceof ApiError && question.error.code === 'sso.interaction_not_found') return <Navigate to={`/sso/completed/${encodeURIComponent(uid)}`} replace />;

  return (
    <AuthCard title={t('sso.consentTitle')} corner={{ to: '/', label: t('sso.backToPortal') }}>
      {question.isPending ? (
        <Center>
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : question.isError ? (
        <ErrorAlert error={question.error} />
      ) : (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <AppIcon name={question.data.app.name} icon={question.data.app.icon} size="lg" />
            <Text fw={600} size="lg" data-testid="consent-app">
              {question.data.app.name}
            </Text>
          </Group>
          <ScopeList appName={question.data.app.name} scopes={question.data.scopes} />
          <Text size="sm" c="dimmed">
            {t('sso.consentRemembered')}
          </Text>
          <ErrorAlert error={answer.error} />
          <Group grow>
            <Button variant="default" onClick={() => answer.mutate(false)} disabled={busy} loading={busy && answer.variables === false}>
              {t('sso.deny')}
            </Button>
            <Button onClick={() => answer.mutate(true)} disabled={busy} loading={busy && answer.variables === true}>
              {t('sso.allow')}
            </Button>
          </Group>
        </Stack>
      )}
    </AuthCard>
  );
}
