import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, FileInput, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../api/admin.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { serverFieldError } from '../../forms/server-fields.ts';
import { readDataUrl } from './read-data-url.ts';
import { useSingleSubmit } from '../../forms/use-single-submit.ts';

/** A bookmark: a name, a URL the tile opens, and an optional icon. */
export function BookmarkAppForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', url: '', description: '', details: '' });
  const [icon, setIcon] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const submit = useSingleSubmit();
  function create(e: React.FormEvent) {
    e.preventDefault();
    void submit.run(async () => {
      setError(undefined);
      try {
        await adminApi.createApp({ ...form, icon: icon ? await readDataUrl(icon) : undefined });
        setForm({ name: '', url: '', description: '', details: '' });
        setIcon(null);
        await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
        notifications.show({ color: 'teal', message: t('common.saved'), closeButtonProps: { 'aria-label': t('common.close') } });
      } catch (err) {
        setError(err);
      }
    });
  }
  return (
    <Stack component="form" onSubmit={create}>
      <ErrorAlert error={error} />
      <Group grow>
        <TextInput label={t('adminApps.name')} required maxLength={100} error={serverFieldError(error, 'name', t)} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        <TextInput label={t('adminApps.url')} type="url" required error={serverFieldError(error, 'url', t, 'validation.httpAddress')} value={form.url} onChange={(e) => setForm({ ...form, url: e.currentTarget.value })} />
      </Group>
      <TextInput label={t('adminApps.description')} maxLength={500} error={serverFieldError(error, 'description', t)} value={form.description} onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} />
      <Textarea label={t('adminApps.details')} maxLength={5000} error={serverFieldError(error, 'details', t)} value={form.details} onChange={(e) => setForm({ ...form, details: e.currentTarget.value })} />
      <FileInput label={t('adminApps.icon')} accept="image/png,image/jpeg,image/gif,image/webp" value={icon} onChange={setIcon} clearable />
      <Group>
        <Button type="submit" loading={submit.pending}>{t('adminApps.create')}</Button>
      </Group>
    </Stack>
  );
}
