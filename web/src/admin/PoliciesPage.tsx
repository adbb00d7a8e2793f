import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Skeleton, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries, type Policies } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { focusFirstInvalid } from '../forms/focus-first-invalid.ts';
import { ReminderDaysField } from './policies/ReminderDaysField.tsx';
import { policyChanges } from './policies/policy-changes.ts';

/** Password, lockout, MFA, sessions and profile self-edit: effective at once, audited old → new. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const loaded = useQuery(adminQueries.policies());
  const queryClient = useQueryClient();
  const [p, setP] = useState<Policies | undefined>();
  // The policies as the form was filled (or last saved): a save sends only what differs from them.
  const [base, setBase] = useState<Policies | undefined>();
  const [error, setError] = useState<unknown>();
  const [remindersValid, setRemindersValid] = useState(true);
  const [typed, setTyped] = useState<Record<string, string | number>>({});
  // Bumped by a save, so the reminder field shows the days as saved (normalized).
  const [savedCount, setSavedCount] = useState(0);
  // The form starts from the first answer only: a refetch landing while the administrator types
  // (window focus, a stale cache) must not throw their edits away.
  useEffect(() => {
    if (loaded.data) {
      setP((current) => current ?? loaded.data);
      setBase((current) => current ?? loaded.data);
    }
  }, [loaded.data]);
  if (!p) return loaded.error ? <ErrorAlert error={loaded.error} /> : <Skeleton h={300} />;

  // What is typed stays as typed (no silent clamping or zero for a cleared field): out of range, the
  // field says so and nothing is saved.
  const outOfRange: string[] = [];
  const num = <S extends keyof Policies>(section: S, key: keyof Policies[S] & string, min: number, max: number, description?: string) => {
    const id = `${section}.${key}`;
    const shown = typed[id] ?? (p[section][key] as number);
    const ok = typeof shown === 'number' && Number.isInteger(shown) && shown >= min && shown <= max;
    if (!ok) outOfRange.push(id);
    return (
      <NumberInput
        label={t(`adminPolicies.${section}.${key}` as string)}
        description={description}
        min={min}
        max={max}
        clampBehavior="none"
        allowDecimal={false}
        value={shown}
        error={ok ? undefined : t('validation.between', { min, max })}
        onChange={(v) => {
          setTyped({ ...typed, [id]: v });
          if (typeof v === 'number') setP({ ...p, [section]: { ...p[section], [key]: v } });
        }}
      />
    );
  };
  const flag = <S extends keyof Policies>(section: S, key: keyof Policies[S] & string) => (
    <Checkbox label={t(`adminPolicies.${section}.${key}` as string)} checked={p[section][key] as boolean} onChange={(e) => setP({ ...p, [section]: { ...p[section], [key]: e.currentTarget.checked } })} />
  );

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    // The field already says what is wrong; nothing is sent until it is right, and the person is taken to it.
    if (!remindersValid || outOfRange.length > 0) return void focusFirstInvalid(e.currentTarget as Element);
    try {
      const saved = await adminApi.savePolicies(policyChanges(base!, p!));
      queryClient.setQueryData(adminKeys.policies(), saved);
      // What the server now holds, another administrator's changes included.
      setP(saved);
      setBase(saved);
      setTyped({});
      setSavedCount((n) => n + 1);
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack component="form" onSubmit={save}>
      <Title order={1} size="h2">{t('adminNav.policies')}</Title>
      <ErrorAlert error={error} />
      <Card withBorder component="section" aria-labelledby="pol-password">
        <Title order={2} size="h4" id="pol-password" mb="sm">{t('common.password')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {num('password', 'minLength', 8, 128)}
          {num('password', 'historyCount', 0, 24)}
          {num('password', 'maxAgeDays', 0, 3650)}
          <ReminderDaysField key={savedCount} value={p.password.reminderDays} onChange={(days) => setP({ ...p, password: { ...p.password, reminderDays: days } })} onValidityChange={setRemindersValid} />
          {flag('password', 'requireLower')}
          {flag('password', 'requireUpper')}
          {flag('password', 'requireDigit')}
          {flag('password', 'requireSymbol')}
        </SimpleGrid>
      </Card>
      <Card withBorder component="section" aria-labelledby="pol-lockout">
        <Title order={2} size="h4" id="pol-lockout" mb="sm">{t('adminPolicies.lockoutTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {num('lockout', 'maxFailures', 1, 100)}
          {num('lockout', 'durationMinutes', 0, 10080)}
        </SimpleGrid>
      </Card>
      <Card withBorder component="section" aria-labelledby="pol-mfa">
        <Title order={2} size="h4" id="pol-mfa" mb="sm">{t('security.mfa')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t('adminPolicies.mfa.mode')} allowDeselect={false} data={(['off', 'optional', 'required'] as const).map((m) => ({ value: m, label: t(`adminPolicies.mfaMode.${m}`) }))} value={p.mfa.mode} onChange={(v) => setP({ ...p, mfa: { ...p.mfa, mode: v as Policies['mfa']['mode'] } })} />
          {num('mfa', 'graceSignIns', 0, 100)}
          {num('mfa', 'reverifyHours', 1, 720)}
          {flag('mfa', 'passwordless')}
          {(['totp', 'webauthn'] as const).map((m) => (
            <Checkbox
              key={m}
              label={t(`adminPolicies.allow.${m}`)}
              checked={p.mfa.methods.includes(m)}
              onChange={(e) => setP({ ...p, mfa: { ...p.mfa, methods: e.currentTarget.checked ? [...p.mfa.methods, m] : p.mfa.methods.filter((x) => x !== m) } })}
            />
          ))}
        </SimpleGrid>
      </Card>
      <Card withBorder component="section" aria-labelledby="pol-session">
        <Title order={2} size="h4" id="pol-session" mb="sm">{t('security.sessions')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {num('session', 'idleMinutes', 5, 43200)}
          {num('session', 'absoluteHours', 1, 8760)}
          {num('session', 'rememberMeDays', 0, 365, t('adminPolicies.session.rememberMeDaysHelp'))}
        </SimpleGrid>
      </Card>
      <Card withBorder component="section" aria-labelledby="pol-profile">
        <Title order={2} size="h4" id="pol-profile" mb="sm">{t('adminPolicies.profileTitle')}</Title>
        <Group>
          {flag('profile', 'details')}
          {flag('profile', 'personal')}
          {flag('profile', 'employment')}
        </Group>
      </Card>
      <Card withBorder component="section" aria-labelledby="pol-audit">
        <Title order={2} size="h4" id="pol-audit" mb="sm">{t('adminNav.audit')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>{num('audit', 'retentionDays', 30, 3650)}</SimpleGrid>
      </Card>
      <Group><Button type="submit">{t('common.save')}</Button></Group>
    </Stack>
  );
}
