import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group as Row, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries, type Group } from '../api/admin.ts';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** Groups are what applications are assigned to. */
export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useQuery(adminQueries.groups());
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await adminApi.createGroup(name);
      setName('');
      await queryClient.invalidateQueries({ queryKey: adminKeys.groups() });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.groups')}</Title>
      <ErrorAlert error={error} />
      <Row component="form" onSubmit={create} align="end">
        <TextInput label={t('adminGroups.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit">{t('adminGroups.create')}</Button>
      </Row>
      {groups.isPending ? <Skeleton h={80} /> : groups.data?.items.map((g) => <GroupCard key={g.id} group={g} />)}
    </Stack>
  );
}

function GroupCard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const members = useQuery(adminQueries.groupMembers(group.id));
  const users = useQuery(adminQueries.users(''));
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  async function change(call: () => Promise<unknown>) {
    setError(undefined);
    try {
      await call();
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    } catch (err) {
      setError(err);
    }
  }
  async function add() {
    if (!userId) return;
    setError(undefined);
    try {
      await adminApi.addGroupMember(group.id, userId);
      setUserId(null);
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby={`group-${group.id}`}>
      <Stack gap="xs">
        <Row justify="space-between">
          <Title order={2} size="h4" id={`group-${group.id}`}>{group.name}</Title>
          <Row gap="xs">
            <Button size="xs" variant="subtle" onClick={() => { const name = window.prompt(t('adminGroups.rename'), group.name); if (name) void change(() => api.post(`/api/admin/groups/${group.id}`, { name })); }}>{t('adminGroups.rename')}</Button>
            <Button size="xs" variant="light" color="red" onClick={() => window.confirm(t('adminGroups.confirmDelete', { name: group.name })) && change(() => api.delete(`/api/admin/groups/${group.id}`))}>{t('adminGroups.delete')}</Button>
          </Row>
        </Row>
        <ErrorAlert error={error} />
        {members.data?.items.length ? (
          <Row gap="xs">
            {members.data.items.map((m) => (
              <Button key={m.id} size="compact-sm" variant="default" onClick={() => change(() => api.delete(`/api/admin/groups/${group.id}/members/${m.id}`))} aria-label={t('adminGroups.removeMember', { email: m.email })}>
                {m.email} ✕
              </Button>
            ))}
          </Row>
        ) : <Text size="sm">{t('adminGroups.noMembers')}</Text>}
        <Row align="end">
          <Select label={t('adminGroups.addMember')} searchable data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.email }))} value={userId} onChange={setUserId} />
          <Button variant="default" onClick={add} disabled={!userId}>{t('adminGroups.add')}</Button>
        </Row>
      </Stack>
    </Card>
  );
}
