import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { meQueries } from '../../api/me.ts';
import { sameOriginPath } from '../../../../contract/same-origin-path.ts';

/**
 * Sent here by an application that requires a second factor the person did not have yet: once one
 * is set up, the application's sign-in, still waiting, carries on from its step-up.
 */
export function ContinueToApp() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const mfa = useQuery(meQueries.mfa());
  const target = sameOriginPath(params.get('continue'), '');
  if (!target) return null;
  const ready = (mfa.data?.factors.length ?? 0) > 0;
  return (
    <Alert color={ready ? 'teal' : 'blue'} title={t('sso.continueTitle')} role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{ready ? t('sso.continueReady') : t('sso.continueAfterSetup')}</Text>
        {ready && (
          <Button component="a" href={`/sso/step-up?returnTo=${encodeURIComponent(target)}`}>
            {t('sso.returnToApp')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
