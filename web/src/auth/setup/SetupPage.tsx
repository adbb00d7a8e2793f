import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Center, Group, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { passwordPolicySchema } from '../../../../contract/password-policy.ts';
import { api, ApiError } from '../../api/client.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PasswordChecklist } from '../../components/PasswordChecklist.tsx';
import { takeLinkToken } from '../../lib/fragment-token.ts';

const STORAGE = 'tessera.setupToken';
const defaultPolicy = passwordPolicySchema.parse({});

/** The one-time setup link printed at first start: the first organization and its administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const token = useMemo(() => takeLinkToken(STORAGE), []);
  const check = useQuery({ queryKey: ['setup', token], queryFn: () => api.post('/api/setup/check', { token }), enabled: Boolean(token), retry: false });
  const [form, setForm] = useState({ orgName: '', email: '', firstName: '', lastName: '', password: '', confirm: '' });
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.currentTarget.value });
  const mismatch = form.confirm.length > 0 && form.confirm !== form.password;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    setError(undefined);
    try {
      const { confirm: _c, ...body } = form;
      const { redirectTo } = await api.post<{ redirectTo: string }>('/api/setup', { token, ...body });
      sessionStorage.removeItem(STORAGE);
      window.location.assign(redirectTo);
    } catch (err) {
      setError(err);
    }
  }

  if (token && check.isPending) return <Center mih="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  if (!token || check.isError) {
    const done = check.error instanceof ApiError && check.error.code === 'setup.already_done';
    return (
      <AuthCard title={t('setup.title')}>
        <Alert color={done ? 'blue' : 'red'} role="alert">{done ? t('setup.done') : t('setup.invalid')}</Alert>
        <Anchor component={Link} to="/admin/login">{t('common.signIn')}</Anchor>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('setup.title')}>
      <Stack component="form" onSubmit={submit}>
        <ErrorAlert error={error} />
        <Text size="sm">{t('setup.help')}</Text>
        <TextInput label={t('setup.orgName')} required value={form.orgName} onChange={set('orgName')} autoFocus />
        <TextInput label={t('common.email')} type="email" required value={form.email} onChange={set('email')} />
        <Group grow>
          <TextInput label={t('setup.firstName')} value={form.firstName} onChange={set('firstName')} />
          <TextInput label={t('setup.lastName')} value={form.lastName} onChange={set('lastName')} />
        </Group>
        <PasswordInput label={t('common.password')} autoComplete="new-password" required value={form.password} onChange={set('password')} />
        <PasswordChecklist policy={defaultPolicy} password={form.password} failedOnServer={error instanceof ApiError ? error.rules : undefined} />
        <PasswordInput label={t('common.confirmPassword')} autoComplete="new-password" required value={form.confirm} onChange={set('confirm')} error={mismatch ? t('common.passwordsDiffer') : undefined} />
        <Button type="submit" disabled={mismatch}>{t('setup.submit')}</Button>
      </Stack>
    </AuthCard>
  );
}
