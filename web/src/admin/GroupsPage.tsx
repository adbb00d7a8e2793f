import { useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group as Row, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries, type Group } from '../api/admin.ts';
import { api } from '../api/client.ts';
import { loadedItems } from '../api/paged-query.ts';
import { LoadMore } from '../components/LoadMore.tsx';
import { UserPicker } from './UserPicker.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { serverFieldError } from '../forms/server-fields.ts';
import { useSingleSubmit } from '../forms/use-single-submit.ts';

/** Groups are what applications are assigned to; both the groups and each group's members are paged. */
export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useInfiniteQuery(adminQueries.groupPages());
  const list = loadedItems(groups.data);
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = useSingleSubmit();
  function create(e: React.FormEvent) {
    e.preventDefault();
    void submit.run(async () => {
      setError(undefined);
      try {
        await adminApi.createGroup(name);
        setName('');
        await queryClient.invalidateQueries({ queryKey: adminKeys.groups() });
      } catch (err) {
        setError(err);
      }
    });
  }
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.groups')}</Title>
      <ErrorAlert error={error} />
      <Row component="form" onSubmit={create} align="end">
        <TextInput label={t('adminGroups.name')} required maxLength={100} error={serverFieldError(error, 'name', t)} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit" loading={submit.pending}>{t('adminGroups.create')}</Button>
      </Row>
      <ErrorAlert error={groups.error} />
      {groups.isPending ? <Skeleton h={80} /> : list.map((g) => <GroupCard key={g.id} group={g} />)}
      <LoadMore query={groups} shown={list.length} />
    </Stack>
  );
}

function GroupCard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const members = useInfiniteQuery(adminQueries.groupMemberPages(group.id));
  const shown = loadedItems(members.data);
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
          {/* A long name without spaces wraps anywhere rather than running out of the card on a phone. */}
          <Title order={2} size="h4" id={`group-${group.id}`} style={{ overflowWrap: 'anywhere', minWidth: 0, flex: '1 1 12rem' }}>{group.name}</Title>
          <Row gap="xs">
            <Button size="xs" variant="subtle" onClick={() => { const name = window.prompt(t('adminGroups.rename'), group.name); if (name) void change(() => api.post(`/api/admin/groups/${group.id}`, { name })); }}>{t('adminGroups.rename')}</Button>
            <Button size="xs" variant="light" color="red" onClick={() => window.confirm(t('adminGroups.confirmDelete', { name: group.name })) && change(() => api.delete(`/api/admin/groups/${group.id}`))}>{t('adminGroups.delete')}</Button>
          </Row>
        </Row>
        <ErrorAlert error={error} />
        {shown.length ? (
          <Row gap="xs">
            {shown.map((m) => (
              <Button key={m.id} size="compact-sm" variant="default" onClick={() => change(() => api.delete(`/api/admin/groups/${group.id}/members/${m.id}`))} aria-label={t('adminGroups.removeMember', { email: m.email })}>
                {m.email} ✕
              </Button>
            ))}
          </Row>
        ) : members.isPending ? <Skeleton h={24} /> : <Text size="sm">{t('adminGroups.noMembers')}</Text>}
        <LoadMore query={members} shown={shown.length} />
        <Row align="end">
          <UserPicker label={t('adminGroups.addMember')} placeholder={t('adminAudit.byEmail')} value={userId} inGroup={group.id} onChange={setUserId} />
          <Button variant="default" onClick={add} disabled={!userId}>{t('adminGroups.add')}</Button>
        </Row>
      </Stack>
    </Card>
  );
}
