import { useMemo } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import { ApiError } from '../../api/client.ts';
import { passwordResetApi } from '../../api/password-reset.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { newPasswordSchema } from '../../forms/password-schemas.ts';
import { useAppForm } from '../../forms/use-app-form.ts';

type Props = { token: string; storageKey: string; email: string; policy: PasswordPolicy };

/** The new password twice, with the policy ticked live; then a link to sign in with it. */
export function ResetPasswordForm({ token, storageKey, email, policy }: Props) {
  const { t } = useTranslation();
  const schema = useMemo(() => newPasswordSchema(policy), [policy]);
  const complete = useMutation({
    mutationFn: (password: string) => passwordResetApi.complete(token, password),
    onSuccess: () => sessionStorage.removeItem(storageKey),
  });
  // The server's refusal was about the new password as it was: once that is edited, it no longer holds.
  const form = useAppForm(schema, { password: '', confirm: '' }, { onValuesChange: (values, previous) => values.password !== previous.password && complete.reset() });

  if (complete.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" role="status">
          {t('reset.done')}
        </Alert>
        <Anchor component={Link} to="/login">
          {t('common.signIn')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <form onSubmit={form.onSubmit(({ password }) => complete.mutate(password))} noValidate>
      <Stack>
        <ErrorAlert error={complete.error} />
        <Text size="sm">{t('reset.choose', { email })}</Text>
        <NewPasswordFields
          policy={policy}
          password={form.getInputProps('password')}
          confirm={form.getInputProps('confirm')}
          failedOnServer={complete.error instanceof ApiError ? complete.error.rules : undefined}
          autoFocus
        />
        <Button type="submit" loading={complete.isPending}>
          {t('reset.submit')}
        </Button>
      </Stack>
    </form>
  );
}
