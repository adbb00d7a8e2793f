import { useRef, useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group as Row, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries, type Group, type GroupMember } from '../api/admin.ts';
import { loadedItems } from '../api/paged-query.ts';
import { LoadMore } from '../components/LoadMore.tsx';
import { UserPicker } from './UserPicker.tsx';
import { RenameGroupForm } from './RenameGroupForm.tsx';
import { groupNameError } from './group-name-error.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useSingleSubmit } from '../forms/use-single-submit.ts';

/** Groups are what applications are assigned to; both the groups and each group's members are paged. */
export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useInfiniteQuery(adminQueries.groupPages());
  const list = loadedItems(groups.data);
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  // Counts what succeeded on the page: a card's refusal is out of date once anything else worked.
  const [successes, setSuccesses] = useState(0);
  const succeeded = () => setSuccesses((n) => n + 1);
  const submit = useSingleSubmit();
  function create(e: React.FormEvent) {
    e.preventDefault();
    void submit.run(async () => {
      setError(undefined);
      try {
        await adminApi.createGroup(name);
        setName('');
        succeeded();
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
        <TextInput label={t('adminGroups.name')} required maxLength={100} error={groupNameError(error, t)} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit" loading={submit.pending}>{t('adminGroups.create')}</Button>
      </Row>
      <ErrorAlert error={groups.error} />
      {groups.isPending ? <Skeleton h={80} /> : list.map((g) => <GroupCard key={g.id} group={g} successes={successes} onSuccess={succeeded} />)}
      <LoadMore query={groups} shown={list.length} />
    </Stack>
  );
}

type CardProps = { group: Group; successes: number; onSuccess(): void };

function GroupCard({ group, successes, onSuccess }: CardProps) {
  const { t } = useTranslation();
  const members = useInfiniteQuery(adminQueries.groupMemberPages(group.id));
  const shown = loadedItems(members.data);
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  // `ofPicked`: a refused addition is about the person picked, and goes once another is.
  const [failure, setFailure] = useState<{ error: unknown; ofPicked?: boolean }>();
  const [seenSuccesses, setSeenSuccesses] = useState(successes);
  if (seenSuccesses !== successes) {
    setSeenSuccesses(successes);
    setFailure(undefined);
  }
  async function succeeded(said?: string) {
    onSuccess();
    await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    if (said) notifications.show({ color: 'teal', message: said });
  }
  async function change(call: () => Promise<unknown>, said?: string, ofPicked?: boolean) {
    try {
      await call();
    } catch (error) {
      setFailure({ error, ofPicked });
      return;
    }
    await succeeded(said);
  }
  const add = () => userId && change(async () => { await adminApi.addGroupMember(group.id, userId); setUserId(null); }, t('common.saved'), true);
  const remove = (m: GroupMember) => change(() => adminApi.removeGroupMember(group.id, m.id), t('adminGroups.removed', { email: m.email, name: group.name }));
  function closeRename() {
    setRenaming(false);
    // Back where the form was opened from, rather than at the top of the page.
    requestAnimationFrame(() => renameButton.current?.focus());
  }
  return (
    <Card withBorder component="section" aria-labelledby={`group-${group.id}`}>
      <Stack gap="xs">
        <Row justify="space-between">
          {/* A long name without spaces wraps anywhere rather than running out of the card on a phone. */}
          <Title order={2} size="h4" id={`group-${group.id}`} style={{ overflowWrap: 'anywhere', minWidth: 0, flex: '1 1 12rem' }}>{group.name}</Title>
          <Row gap="xs">
            <Button ref={renameButton} size="xs" variant="subtle" onClick={() => setRenaming(true)} disabled={renaming}>{t('adminGroups.rename')}</Button>
            <Button size="xs" variant="light" color="red" onClick={() => window.confirm(t('adminGroups.confirmDelete', { name: group.name })) && change(() => adminApi.deleteGroup(group.id))}>{t('adminGroups.delete')}</Button>
          </Row>
        </Row>
        {renaming && <RenameGroupForm group={group} onClose={closeRename} onRenamed={() => succeeded()} />}
        <ErrorAlert error={failure?.error} />
        {shown.length ? (
          <Row gap="xs">
            {shown.map((m) => (
              <Button key={m.id} size="compact-sm" variant="default" onClick={() => remove(m)} aria-label={t('adminGroups.removeMember', { email: m.email })}>
                {m.email} ✕
              </Button>
            ))}
          </Row>
        ) : members.isPending ? <Skeleton h={24} /> : <Text size="sm">{t('adminGroups.noMembers')}</Text>}
        <LoadMore query={members} shown={shown.length} />
        <Row align="end">
          <UserPicker
            label={t('adminGroups.addMember')}
            placeholder={t('adminAudit.byEmail')}
            value={userId}
            inGroup={group.id}
            onChange={(id) => {
              setUserId(id);
              if (failure?.ofPicked) setFailure(undefined);
            }}
          />
          <Button variant="default" onClick={add} disabled={!userId}>{t('adminGroups.add')}</Button>
        </Row>
      </Stack>
    </Card>
  );
}
