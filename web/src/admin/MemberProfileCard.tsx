import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { adminKeys } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { serverErrorAfterEdit } from '../forms/server-fields.ts';
import { profileFieldLabel, profileInputAttributes } from '../portal/profile/field-hints.ts';
import { profileFieldError } from '../portal/profile/profile-field-error.ts';

const FIELDS = {
  personal: ['workCell', 'workPhone', 'workFax', 'personalCell', 'homePhone', 'street', 'poBox', 'city', 'state', 'zipCode', 'country'],
  employment: ['jobTitle', 'department', 'employeeId', 'manager', 'street', 'poBox', 'city', 'state', 'zipCode', 'country'],
} as const;

/** `readOnlyReason`: why this organization may only read the section (the server refuses the change too). */
type Props = { userId: string; section: keyof typeof FIELDS; values: Record<string, string>; readOnlyReason?: string };

/** An administrator edits a member's profile section, including when members may not. */
export function MemberProfileCard({ userId, section, values: initial, readOnlyReason }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<unknown>();
  // The request holds the section's fields under its name: the server refuses `employment.jobTitle`.
  const pathOf = (name: string) => `${section}.${name}`;
  // A field's mark goes once the administrator changes it; the other fields keep theirs.
  const edit = (name: string, value: string) => {
    setValues({ ...values, [name]: value });
    setError((e: unknown) => serverErrorAfterEdit(e, pathOf(name)));
  };
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post(`/api/admin/users/${userId}`, { [section]: values });
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby={`member-${section}`}>
      <Stack component="form" onSubmit={save}>
        <Title order={2} size="h5" id={`member-${section}`}>{t(`profile.${section}`)}</Title>
        <ErrorAlert error={error} />
        {readOnlyReason && <Text size="sm" c="dimmed">{readOnlyReason}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {FIELDS[section].map((name) => (
            <TextInput
              key={name}
              label={t(profileFieldLabel(section, name))}
              error={profileFieldError(error, section, name, t, pathOf(name))}
              value={values[name] ?? ''}
              readOnly={!!readOnlyReason}
              attributes={profileInputAttributes(name)}
              onChange={(e) => edit(name, e.currentTarget.value)}
            />
          ))}
        </SimpleGrid>
        {!readOnlyReason && <Group><Button type="submit">{t('common.save')}</Button></Group>}
      </Stack>
    </Card>
  );
}
