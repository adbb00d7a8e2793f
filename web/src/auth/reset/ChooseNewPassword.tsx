import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Center, Loader, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { passwordResetQueries } from '../../api/password-reset.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';

type Props = { token: string; storageKey: string };

/** Arriving from the mailed link: the account's e-mail, the new password twice, Reset password. */
export function ChooseNewPassword({ token, storageKey }: Props) {
  const { t } = useTranslation();
  const info = useQuery(passwordResetQueries.check(token));
  const invalid = info.error instanceof ApiError && info.error.code === 'token.invalid';

  // A dead link is forgotten, so "Ask for a new link" (and any later visit) shows the request form.
  useEffect(() => {
    if (invalid) sessionStorage.removeItem(storageKey);
  }, [invalid, storageKey]);

  if (info.isPending) {
    return (
      <Center>
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (info.isError) {
    return (
      <Stack>
        {invalid ? (
          <Alert color="red" role="alert">
            {t('reset.invalid')}
          </Alert>
        ) : (
          <ErrorAlert error={info.error} />
        )}
        <Anchor component={Link} to="/reset-password" reloadDocument>
          {t('reset.again')}
        </Anchor>
      </Stack>
    );
  }
  return <ResetPasswordForm token={token} storageKey={storageKey} email={info.data.email} policy={info.data.policy} />;
}
