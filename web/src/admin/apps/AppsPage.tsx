import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Card, FileInput, Group, Select, Skeleton, Stack, Table, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries, type AdminApp } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

const readDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** Bookmark applications now (OIDC and SAML come with single sign-on), assigned to groups. */
export function AppsPage() {
  const { t } = useTranslation();
  const apps = useQuery(adminQueries.apps());
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', url: '', description: '', details: '' });
  const [icon, setIcon] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await adminApi.createApp({ ...form, icon: icon ? await readDataUrl(icon) : undefined });
      setForm({ name: '', url: '', description: '', details: '' });
      setIcon(null);
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.applications')}</Title>
      <ErrorAlert error={error} />
      <Card withBorder component="section" aria-labelledby="new-app">
        <Stack component="form" onSubmit={create}>
          <Title order={2} size="h4" id="new-app">{t('adminApps.new')}</Title>
          <Group grow>
            <TextInput label={t('adminApps.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <TextInput label={t('adminApps.url')} type="url" required value={form.url} onChange={(e) => setForm({ ...form, url: e.currentTarget.value })} />
          </Group>
          <TextInput label={t('adminApps.description')} value={form.description} onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} />
          <Textarea label={t('adminApps.details')} value={form.details} onChange={(e) => setForm({ ...form, details: e.currentTarget.value })} />
          <FileInput label={t('adminApps.icon')} accept="image/png,image/jpeg,image/gif,image/webp" value={icon} onChange={setIcon} clearable />
          <Group><Button type="submit">{t('adminApps.create')}</Button></Group>
        </Stack>
      </Card>
      {apps.isPending ? <Skeleton h={80} /> : (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Tbody>
              {apps.data?.items.map((a) => <AppRow key={a.id} app={a} />)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function AppRow({ app }: { app: AdminApp }) {
  const { t } = useTranslation();
  const groups = useQuery(adminQueries.groups());
  const [groupId, setGroupId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  async function assign() {
    if (!groupId) return;
    setError(undefined);
    try {
      await adminApi.assignApp(app.id, { groupId });
      notifications.show({ color: 'teal', message: t('adminApps.assigned', { name: app.name }) });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Table.Tr data-testid="admin-app-row">
      <Table.Td><Group gap="sm"><Avatar src={app.icon ?? undefined} alt="" radius="sm">{app.name.slice(0, 2)}</Avatar>{app.name}</Group></Table.Td>
      <Table.Td>{app.url}</Table.Td>
      <Table.Td>
        <ErrorAlert error={error} />
        <Group align="end" gap="xs">
          <Select aria-label={t('adminApps.assignTo', { name: app.name })} placeholder={t('adminApps.group')} data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} />
          <Button size="xs" variant="default" onClick={assign} disabled={!groupId}>{t('adminApps.assign')}</Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
