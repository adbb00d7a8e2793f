import { useState } from 'react';
import { Anchor, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

type Props = { email: string; onChange(): void; onSubmit(password: string): Promise<boolean> };

/** The e-mail with a Change link, the Password, Login, and Reset User Password. */
export function PasswordStep({ email, onChange, onSubmit }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ok = await onSubmit(password);
    setBusy(false);
    if (!ok) setPassword('');
  }

  return (
    <Stack component="form" onSubmit={submit} gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={500} truncate>
          {email}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={onChange}>
          {t('login.change')}
        </Anchor>
      </Group>
      <PasswordInput label={t('common.password')} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
      <Button type="submit" fullWidth loading={busy}>
        {t('login.login')}
      </Button>
      <Anchor component={Link} to="/reset-password" size="sm" ta="center">
        {t('login.resetPassword')}
      </Anchor>
    </Stack>
  );
}
