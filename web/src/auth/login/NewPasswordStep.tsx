import { useState } from 'react';
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import { PasswordChecklist } from '../../components/PasswordChecklist.tsx';

type Props = { step: { reason: 'expired' | 'required'; policy: PasswordPolicy }; serverRules?: string[]; onSubmit(password: string): Promise<boolean> };

/** An expired or administrator-required password is replaced before the portal opens. */
export function NewPasswordStep({ step, serverRules, onSubmit }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const mismatch = confirm.length > 0 && confirm !== password;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (password !== confirm) return;
    setBusy(true);
    await onSubmit(password);
    setBusy(false);
  }

  return (
    <Stack component="form" onSubmit={submit} gap="md">
      <Text fw={600}>{t('login.newPasswordTitle')}</Text>
      <Text size="sm">{step.reason === 'expired' ? t('login.expired') : t('login.required')}</Text>
      <PasswordInput label={t('common.newPassword')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
      <PasswordChecklist policy={step.policy} password={password} failedOnServer={serverRules} />
      <PasswordInput label={t('common.confirmPassword')} autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={mismatch ? t('common.passwordsDiffer') : undefined} />
      <Button type="submit" fullWidth loading={busy} disabled={mismatch}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}
