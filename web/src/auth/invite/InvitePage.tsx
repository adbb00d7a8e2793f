import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import { api, ApiError } from '../../api/client.ts';
import { sessionQuery } from '../../api/session.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PasswordChecklist } from '../../components/PasswordChecklist.tsx';
import { takeLinkToken } from '../../lib/fragment-token.ts';

const STORAGE = 'tessera.inviteToken';
type Info = { email: string; organization: { slug: string; name: string }; accountExists: boolean; policy: PasswordPolicy };

/** The invitee's page: create the account (new address) or join with the existing one. */
export function InvitePage() {
  const { t } = useTranslation();
  const token = useMemo(() => takeLinkToken(STORAGE), []);
  const info = useQuery({ queryKey: ['invitation', token], queryFn: () => api.post<Info>('/api/auth/invitations/check', { token }), enabled: Boolean(token), retry: false });
  const session = useQuery(sessionQuery);

  if (!token || info.isError) {
    return (
      <AuthCard title={t('login.title')}>
        <Alert color="red" role="alert">{t('invite.invalid')}</Alert>
        <Anchor component={Link} to="/login">{t('common.signIn')}</Anchor>
      </AuthCard>
    );
  }
  if (info.isPending || session.isPending) return <Center mih="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  const org = info.data.organization.name;
  return (
    <AuthCard title={t('invite.title', { org })}>
      {info.data.accountExists ? <JoinExisting token={token} org={org} signedIn={Boolean(session.data)} /> : <CreateAccount token={token} info={info.data} />}
    </AuthCard>
  );
}

async function accept(token: string, password?: string) {
  const { redirectTo } = await api.post<{ redirectTo: string }>('/api/auth/invitations/accept', { token, password });
  sessionStorage.removeItem(STORAGE);
  window.location.assign(redirectTo);
}

function CreateAccount({ token, info }: { token: string; info: Info }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await accept(token, password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Stack component="form" onSubmit={submit}>
      <ErrorAlert error={error} />
      <Text size="sm">{t('invite.createHelp')}</Text>
      <TextInput label={t('common.email')} value={info.email} readOnly disabled />
      <PasswordInput label={t('common.password')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
      <PasswordChecklist policy={info.policy} password={password} failedOnServer={error instanceof ApiError ? error.rules : undefined} />
      <Button type="submit" loading={busy}>{t('common.continue')}</Button>
      <Anchor component={Link} to="/login?returnTo=/invite" size="sm" ta="center">{t('invite.haveAccount')}</Anchor>
    </Stack>
  );
}

function JoinExisting({ token, org, signedIn }: { token: string; org: string; signedIn: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  if (!signedIn) {
    return (
      <Stack>
        <Text>{t('invite.exists', { org })}</Text>
        <Button component={Link} to="/login?returnTo=/invite">{t('common.signIn')}</Button>
      </Stack>
    );
  }
  return (
    <Stack>
      <ErrorAlert error={error} />
      <Button onClick={() => accept(token).catch(setError)}>{t('invite.join', { org })}</Button>
    </Stack>
  );
}
