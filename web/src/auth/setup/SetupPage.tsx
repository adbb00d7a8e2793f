import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Center, Loader } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { setupQueries } from '../../api/setup.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLinkToken } from '../../lib/use-link-token.ts';
import { SetupForm } from './SetupForm.tsx';

const SETUP_TOKEN_STORAGE = 'tessera.setupToken';

/** The one-time setup link printed at first start: the first organization and its administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const token = useLinkToken(SETUP_TOKEN_STORAGE);
  const check = useQuery({ ...setupQueries.check(token ?? ''), enabled: Boolean(token) });

  if (token && check.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!token || check.isError) {
    const code = check.error instanceof ApiError ? check.error.code : token ? undefined : 'token.invalid';
    return (
      <AuthCard title={t('setup.title')}>
        {code === 'setup.already_done' ? (
          <Alert color="blue" role="status">
            {t('setup.done')}
          </Alert>
        ) : code === 'token.invalid' ? (
          <Alert color="red" role="alert">
            {t('setup.invalid')}
          </Alert>
        ) : (
          <ErrorAlert error={check.error} />
        )}
        <Anchor component={Link} to="/admin/login">
          {t('common.signIn')}
        </Anchor>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('setup.title')}>
      <SetupForm token={token} onDone={() => sessionStorage.removeItem(SETUP_TOKEN_STORAGE)} />
    </AuthCard>
  );
}
