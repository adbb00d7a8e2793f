import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { requestPasswordResetInput } from '../../../../contract/recovery.ts';
import { passwordResetApi } from '../../api/password-reset.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';

/** "Send reset link": the answer is the same whether or not the address has an account. */
export function RequestResetLink() {
  const { t } = useTranslation();
  const known = (useLocation().state as { email?: unknown } | null)?.email;
  const form = useAppForm(requestPasswordResetInput, { email: typeof known === 'string' ? known : '' });
  const request = useMutation({ mutationFn: (email: string) => passwordResetApi.request(email) });

  if (request.isSuccess) {
    return (
      <Alert color="teal" role="status">
        {t('reset.sent')}
      </Alert>
    );
  }
  return (
    <form onSubmit={form.onSubmit(({ email }) => request.mutate(email.trim()))} noValidate>
      <Stack>
        <ErrorAlert error={request.error} />
        <Text size="sm">{t('reset.help')}</Text>
        <TextInput label={t('common.email')} type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
        <Button type="submit" loading={request.isPending}>
          {t('reset.send')}
        </Button>
      </Stack>
    </form>
  );
}
