import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import { api, ApiError } from '../../api/client.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PasswordChecklist } from '../../components/PasswordChecklist.tsx';
import { takeLinkToken } from '../../lib/fragment-token.ts';

const STORAGE = 'tessera.resetToken';

/** Reset User Password: ask for a link, or — arriving from the link — choose the new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useMemo(() => takeLinkToken(STORAGE), []);
  return <AuthCard title={t('reset.title')} corner={{ to: '/login', label: t('login.title') }}>{token ? <ChooseNew token={token} /> : <RequestLink />}</AuthCard>;
}

function RequestLink() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('/api/auth/password-reset', { email });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  }
  if (sent) return <Alert color="teal">{t('reset.sent')}</Alert>;
  return (
    <Stack component="form" onSubmit={submit}>
      <ErrorAlert error={error} />
      <Text size="sm">{t('reset.help')}</Text>
      <TextInput label={t('common.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} autoFocus />
      <Button type="submit">{t('reset.send')}</Button>
    </Stack>
  );
}

function ChooseNew({ token }: { token: string }) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['reset', token], queryFn: () => api.post<{ email: string; policy: PasswordPolicy }>('/api/auth/password-reset/check', { token }), retry: false });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const mismatch = confirm.length > 0 && confirm !== password;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    setError(undefined);
    try {
      await api.post('/api/auth/password-reset/complete', { token, password });
      sessionStorage.removeItem(STORAGE);
      setDone(true);
    } catch (err) {
      setError(err);
    }
  }

  if (info.isPending) return <Center><Loader aria-label={t('common.loading')} /></Center>;
  if (info.isError) {
    sessionStorage.removeItem(STORAGE);
    return (
      <Stack>
        <Alert color="red" role="alert">{t('reset.invalid')}</Alert>
        <Anchor component={Link} to="/reset-password" reloadDocument>{t('reset.again')}</Anchor>
      </Stack>
    );
  }
  if (done) {
    return (
      <Stack>
        <Alert color="teal">{t('reset.done')}</Alert>
        <Anchor component={Link} to="/login">{t('common.signIn')}</Anchor>
      </Stack>
    );
  }
  return (
    <Stack component="form" onSubmit={submit}>
      <ErrorAlert error={error} />
      <Text size="sm">{t('reset.choose', { email: info.data.email })}</Text>
      <PasswordInput label={t('common.newPassword')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
      <PasswordChecklist policy={info.data.policy} password={password} failedOnServer={error instanceof ApiError ? error.rules : undefined} />
      <PasswordInput label={t('common.confirmPassword')} autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={mismatch ? t('common.passwordsDiffer') : undefined} />
      <Button type="submit" disabled={mismatch}>{t('reset.submit')}</Button>
    </Stack>
  );
}
