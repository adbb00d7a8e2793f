import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Profile, ProfileSection } from '../../../../contract/profile.ts';
import { ApiError } from '../../api/client.ts';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../i18n/index.ts';
import { serverErrorAfterEdit } from '../../forms/server-fields.ts';
import { profileFieldLabel, profileInputAttributes } from './field-hints.ts';
import { profileFieldError } from './profile-field-error.ts';

const FIELDS: Record<ProfileSection, string[]> = {
  details: ['firstName', 'lastName', 'username', 'alternateEmail'],
  personal: ['workCell', 'workPhone', 'workFax', 'personalCell', 'homePhone', 'street', 'poBox', 'city', 'state', 'zipCode', 'country'],
  employment: ['jobTitle', 'department', 'employeeId', 'manager', 'street', 'poBox', 'city', 'state', 'zipCode', 'country'],
};

/** Refusals about one field without field paths: said at that field (not again above the form), cleared by its edit. */
const REFUSED_FIELD: Record<string, string> = { 'user.username_taken': 'username' };

/** Profile Details, Personal Information, Employment Information, Recovery Email. */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useQuery(meQueries.profile());
  if (profile.isPending) return <Skeleton h={300} />;
  if (!profile.data) return <ErrorAlert error={profile.error} />;
  return (
    <Stack>
      <Title order={1} size="h2">{t('portal.profile')}</Title>
      {(['details', 'personal', 'employment'] as const).map((s) => (
        <ProfileSectionCard key={s} section={s} profile={profile.data} />
      ))}
      <RecoveryEmailCard profile={profile.data} />
    </Stack>
  );
}

function ProfileSectionCard({ section, profile }: { section: ProfileSection; profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = profile[section] as Record<string, string>;
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<unknown>();
  useEffect(() => setValues(profile[section] as Record<string, string>), [profile, section]);
  const editable = profile.editable[section];
  const refusedField = error instanceof ApiError && Object.hasOwn(REFUSED_FIELD, error.code) ? REFUSED_FIELD[error.code] : undefined;
  const fieldError = (name: string) => (refusedField === name ? errorText((error as ApiError).code) : profileFieldError(error, section, name, t));
  const inputId = (name: string) => `profile-${section}-${name}`;
  // No alert announces a refusal said at its field: the field takes focus, which reads it out.
  useEffect(() => {
    if (refusedField) document.getElementById(inputId(refusedField))?.focus();
  }, [error]);

  // A field's mark goes once the person changes it; the other fields keep theirs.
  const edit = (name: string, value: string) => {
    setValues({ ...values, [name]: value });
    setError((e: unknown) => serverErrorAfterEdit(e, name, REFUSED_FIELD));
  };

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const updated = await meApi.saveProfile(section, values);
      queryClient.setQueryData(meKeys.profile(), updated);
      void queryClient.invalidateQueries({ queryKey: ['session'] });
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (err) {
      // Said once, in the form (a toast repeated it word for word).
      setError(err);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby={`profile-${section}`}>
      <Stack component="form" onSubmit={save}>
        <Title order={2} size="h4" id={`profile-${section}`}>{t(`profile.${section}`)}</Title>
        {!editable && <Alert color="gray">{t('profile.readOnly')}</Alert>}
        <ErrorAlert error={refusedField ? undefined : error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {section === 'details' && <TextInput label={t('profile.field.companyEmail')} value={profile.details.companyEmail} readOnly disabled />}
          {FIELDS[section].map((name) => (
            <TextInput
              key={name}
              id={inputId(name)}
              label={t(profileFieldLabel(section, name))}
              value={values[name] ?? ''}
              readOnly={!editable}
              disabled={!editable}
              error={fieldError(name)}
              attributes={profileInputAttributes(name)}
              onChange={(e) => edit(name, e.currentTarget.value)}
            />
          ))}
        </SimpleGrid>
        {editable && (
          <Group justify="flex-end">
            <Button type="submit">{t('common.save')}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function RecoveryEmailCard({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(profile.recoveryEmail.address ?? '');
  const [error, setError] = useState<unknown>();
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await meApi.setRecoveryEmail(email);
      await queryClient.invalidateQueries({ queryKey: meKeys.all });
      notifications.show({ color: 'teal', message: t('profile.recoverySent', { email }) });
    } catch (err) {
      setError(err);
    }
  }
  const current = profile.recoveryEmail.address ?? profile.recoveryEmail.pending;
  async function remove() {
    if (!current || !window.confirm(t('profile.recoveryRemoveConfirm', { email: current }))) return;
    setError(undefined);
    try {
      await meApi.removeRecoveryEmail();
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: meKeys.all });
      notifications.show({ color: 'teal', message: t('profile.recoveryRemoved') });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="profile-recovery">
      <Stack component="form" onSubmit={save}>
        <Title order={2} size="h4" id="profile-recovery">{t('profile.recovery')}</Title>
        <Text size="sm" c="dimmed">{t('profile.recoveryHelp')}</Text>
        <ErrorAlert error={error} />
        {profile.recoveryEmail.pending && <Text size="sm" c="orange.8">{t('profile.recoveryPending', { email: profile.recoveryEmail.pending })}</Text>}
        <Group align="end">
          <TextInput label={t('common.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button type="submit">{t('common.save')}</Button>
        </Group>
        {current && (
          <Group justify="flex-end">
            <Button variant="subtle" color="red" onClick={() => void remove()}>
              {t('profile.recoveryRemove')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
