import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Group, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PasswordChecklist } from '../../components/PasswordChecklist.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { Section } from '../../components/Section.tsx';
import { serverErrorAfterEdit } from '../../forms/server-fields.ts';

// The fields the server's refusals are about: editing one clears what was said of it.
const REFUSED_FIELD = { 'password.current_invalid': 'current', 'password.policy': 'next' };

/** Current Password, New Password (with the live checklist), Confirm Password. */
export function PasswordSection() {
  const { t, i18n } = useTranslation();
  const status = useQuery(meQueries.password());
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ current: '', next: '', confirm: '', keep: true });
  const [error, setError] = useState<unknown>();
  const mismatch = form.confirm.length > 0 && form.confirm !== form.next;
  const edit = <K extends keyof typeof form>(field: K, value: (typeof form)[K]) => {
    setForm({ ...form, [field]: value });
    setError((e: unknown) => serverErrorAfterEdit(e, field, REFUSED_FIELD));
  };
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(i18n.language) : '—');

  const [saving, setSaving] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (mismatch || saving) return;
    setSaving(true);
    setError(undefined);
    try {
      const { signedOut } = await meApi.changePassword({ currentPassword: form.current, newPassword: form.next, keepThisSession: form.keep });
      if (signedOut) return window.location.assign('/login?notice=password_changed');
      setForm({ current: '', next: '', confirm: '', keep: true });
      await queryClient.invalidateQueries({ queryKey: meKeys.all });
      notifications.show({ color: 'teal', message: t('security.passwordChanged') });
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Section id="security-password" title={t('common.password')}>
      {status.isPending ? <Skeleton h={40} /> : status.data && (
        <Text size="sm">
          {t('security.passwordChangedAt', { date: date(status.data.changedAt) })} {status.data.expiresAt ? t('security.passwordExpiresAt', { date: date(status.data.expiresAt) }) : t('dashboard.noExpiry')}
        </Text>
      )}
      <Stack component="form" onSubmit={submit} maw={420}>
        <ErrorAlert error={error} />
        <PasswordField label={t('security.currentPassword')} autoComplete="current-password" required value={form.current} onChange={(e) => edit('current', e.currentTarget.value)} />
        <PasswordField label={t('common.newPassword')} autoComplete="new-password" required value={form.next} onChange={(e) => edit('next', e.currentTarget.value)} />
        {status.data && <PasswordChecklist policy={status.data.policy} password={form.next} failedOnServer={error instanceof ApiError ? error.rules : undefined} />}
        <PasswordField label={t('common.confirmPassword')} autoComplete="new-password" required value={form.confirm} onChange={(e) => edit('confirm', e.currentTarget.value)} error={mismatch ? t('common.passwordsDiffer') : undefined} />
        <Checkbox label={t('security.keepSession')} checked={form.keep} onChange={(e) => edit('keep', e.currentTarget.checked)} />
        <Group>
          <Button type="submit" disabled={mismatch} loading={saving}>{t('security.changePassword')}</Button>
        </Group>
      </Stack>
    </Section>
  );
}
