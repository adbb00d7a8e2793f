import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Center, Loader } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { recoveryEmailQueries } from '../../api/recovery-email.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { useLinkToken } from '../../lib/use-link-token.ts';
import { errorText } from '../../i18n/index.ts';

/** The link mailed to a new recovery address: following it confirms the address. */
export function ConfirmRecoveryEmailPage() {
  const { t } = useTranslation();
  const token = useLinkToken('tessera.recoveryToken');
  const result = useQuery({ ...recoveryEmailQueries.confirm(token ?? ''), enabled: Boolean(token) });
  return (
    <AuthCard title={t('profile.recovery')}>
      {token && result.isPending ? (
        <Center>
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : result.data ? (
        <Alert color="teal" role="status">
          {t('profile.recoveryConfirmed', { email: result.data.email })}
        </Alert>
      ) : (
        <Alert color="red" role="alert">
          {errorText('token.invalid')}
        </Alert>
      )}
      <Anchor component={Link} to="/">
        {t('common.home')}
      </Anchor>
    </AuthCard>
  );
}
