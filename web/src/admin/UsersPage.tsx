import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { BulkInvite } from './BulkInvite.tsx';
import { UserList } from './UserList.tsx';
import { CreateUserForm } from './users/CreateUserForm.tsx';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { notifyError } from '../components/notify-error.ts';
import { serverFieldError } from '../forms/server-fields.ts';

/** Users of the organization: search, invite, and the everyday actions. */
export function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const groups = useQuery(adminQueries.groups());
  const queryClient = useQueryClient();
  const [invite, setInvite] = useState({ email: '', firstName: '', lastName: '', role: 'member' as 'member' | 'admin' });
  const [error, setError] = useState<unknown>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.all });

  const [sending, setSending] = useState(false);
  async function sendInvite(e: React.FormEvent) {
    e.preventDefault();
    // A second click would send a second invitation, whose link voids the first one's.
    if (sending) return;
    setSending(true);
    setError(undefined);
    try {
      const sent = await adminApi.invite(invite);
      notifications.show({ color: 'teal', message: t(sent.replacedEarlier ? 'adminUsers.invitedAgain' : 'adminUsers.invited', { email: sent.email }) });
      setInvite({ email: '', firstName: '', lastName: '', role: 'member' });
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  }
  // A row's action is told where the administrator is looking, not in the invitation form's alert.
  async function rowAction(call: () => Promise<unknown>) {
    try {
      await call();
      notifications.show({ color: 'teal', message: t('common.saved') });
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  }

  return (
    <Stack>
      <Title order={1} size="h2">{t('adminUsers.title')}</Title>
      <Card withBorder component="section" aria-labelledby="invite-title">
        <Stack component="form" onSubmit={sendInvite}>
          <Title order={2} size="h4" id="invite-title">{t('adminUsers.invite')}</Title>
          {/* In the card, by the form it is about: above the page it read as the other forms' refusal too. */}
          <ErrorAlert error={error} />
          {/* Four fields side by side on a wide screen, two on a tablet, one above another on a phone. */}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput label={t('common.email')} type="email" required error={serverFieldError(error, 'email', t)} value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.currentTarget.value })} />
            <TextInput label={t('setup.firstName')} maxLength={100} error={serverFieldError(error, 'firstName', t)} value={invite.firstName} onChange={(e) => setInvite({ ...invite, firstName: e.currentTarget.value })} />
            <TextInput label={t('setup.lastName')} maxLength={100} error={serverFieldError(error, 'lastName', t)} value={invite.lastName} onChange={(e) => setInvite({ ...invite, lastName: e.currentTarget.value })} />
            <Select label={t('adminUsers.role')} data={[{ value: 'member', label: t('adminUsers.member') }, { value: 'admin', label: t('adminUsers.admin') }]} value={invite.role} onChange={(v) => setInvite({ ...invite, role: (v ?? 'member') as 'member' | 'admin' })} allowDeselect={false} />
          </SimpleGrid>
          <Group><Button type="submit" loading={sending}>{t('adminUsers.sendInvite')}</Button></Group>
        </Stack>
      </Card>
      <CreateUserForm />
      <BulkInvite />
      <Group align="end">
        <TextInput label={t('adminUsers.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <Select label={t('adminNav.groups')} clearable data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} />
        <Select label={t('adminUsers.status')} clearable data={(['active', 'locked', 'suspended', 'password_expired', 'invited'] as const).map((s) => ({ value: s, label: t(`adminUsers.filter.${s}`) }))} value={status} onChange={setStatus} />
      </Group>
      <UserList filters={{ q: q || undefined, status: status ?? undefined, groupId: groupId ?? undefined }} onAction={(id, action) => rowAction(() => adminApi.userAction(id, action))} onInvitation={rowAction} />
    </Stack>
  );
}
