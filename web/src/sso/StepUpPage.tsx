import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ssoApi, ssoQueries } from '../api/sso.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SecondFactorForm } from '../components/SecondFactorForm.tsx';
import { webauthn } from '../lib/webauthn.ts';
import { sameOriginPath } from '../../../contract/same-origin-path.ts';
import { useReturnToApp } from './use-return-to-app.ts';

/**
 * "Verify Your Identity" for an application whose MFA rule the session does not meet yet: one
 * factor raises the session, then the browser goes back to where the application's sign-in waits.
 */
export function StepUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const target = sameOriginPath(params.get('returnTo'));
  const options = useQuery(ssoQueries.stepUp());
  const [error, setError] = useState<unknown>();
  const [leaving, setLeaving] = useState(false);
  // From an OpenID Connect sign-in the person may decline the check: the application is told, not left waiting.
  const { uid, back } = useReturnToApp('step_up_cancelled');

  /** Presents one factor; on success a full page load carries the new session cookie onward. */
  async function present(call: () => Promise<void>): Promise<boolean> {
    setError(undefined);
    try {
      await call();
      setLeaving(true);
      window.location.assign(target);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  }

  const signedOut = options.error instanceof ApiError && options.error.status === 401;
  return (
    <AuthCard title={t('login.verifyTitle')} corner={{ to: '/', label: t('sso.backToPortal') }}>
      {options.isPending || leaving ? (
        <Center>
          <Loader aria-label={leaving ? t('sso.continuing') : t('common.loading')} />
        </Center>
      ) : options.isError ? (
        <Stack gap="sm">
          <ErrorAlert error={options.error} />
          {signedOut ? (
            <Button component="a" href={`/login?returnTo=${encodeURIComponent(target)}`}>
              {t('common.signIn')}
            </Button>
          ) : (
            <Button variant="default" onClick={() => options.refetch()}>
              {t('common.retry')}
            </Button>
          )}
        </Stack>
      ) : options.data.methods.length === 0 ? (
        <Alert color="yellow" title={t('sso.noFactorTitle')} role="status">
          <Stack gap="sm">
            <Text size="sm">{t('sso.noFactor')}</Text>
            <Anchor component={Link} to={`/security?continue=${encodeURIComponent(target)}`} fw={600}>
              {t('sso.setUpFactor')}
            </Anchor>
            {uid && (
              <Button variant="default" onClick={() => back.mutate(uid)} loading={back.isPending || back.isSuccess}>
                {t('sso.cancelToApp')}
              </Button>
            )}
          </Stack>
        </Alert>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('sso.stepUpHelp')}</Text>
          <ErrorAlert error={error} />
          <SecondFactorForm
            methods={options.data.methods}
            lastUsed={options.data.lastUsed}
            onSwitch={() => setError(undefined)}
            onCode={(method, code) => present(() => ssoApi.stepUp({ method, code }))}
            onSecurityKey={() =>
              present(async () => {
                const { options: challenge, handle } = await ssoApi.stepUpWebauthnOptions();
                await ssoApi.stepUp({ method: 'webauthn', response: await webauthn.authenticate(challenge) }, handle);
              })
            }
          />
          <ErrorAlert error={back.error} />
          {uid && (
            <Button variant="default" onClick={() => back.mutate(uid)} loading={back.isPending || back.isSuccess}>
              {t('sso.cancelToApp')}
            </Button>
          )}
        </Stack>
      )}
    </AuthCard>
  );
}
