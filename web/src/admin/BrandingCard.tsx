import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, ColorInput, FileInput, Group, Image, Skeleton, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Branding } from '../../../contract/branding.ts';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { serverErrorAfterEdit, serverFieldError } from '../forms/server-fields.ts';

const readDataUrl = (file: File) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result));
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(file);
});

/** Name, logo and accent colour used on the login page, in the portal header and in mails. */
export function BrandingCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const loaded = useQuery({ queryKey: ['admin', 'branding'], queryFn: () => api.get<Branding>('/api/admin/branding') });
  const [form, setForm] = useState<Branding>();
  const [error, setError] = useState<unknown>();
  // The form starts from the first answer only: nothing typed is thrown away by a later one, and
  // nothing can be saved over the organization's branding before it has been read.
  useEffect(() => {
    if (loaded.data) setForm((current) => current ?? loaded.data);
  }, [loaded.data]);
  if (!form) return loaded.error ? <ErrorAlert error={loaded.error} /> : <Skeleton h={160} />;
  // An edit takes back what the server said of that field, and only of that one.
  const edit = (path: keyof Branding, value: Partial<Branding>) => {
    setForm({ ...form, ...value });
    setError((e: unknown) => serverErrorAfterEdit(e, path));
  };
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('/api/admin/branding', { ...form!, displayName: form!.displayName || undefined, accentColor: form!.accentColor || undefined });
      await queryClient.invalidateQueries({ queryKey: ['branding'] });
      notifications.show({ color: 'teal', message: t('common.saved') });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="branding-title">
      <Stack component="form" onSubmit={save}>
        <Title order={2} size="h4" id="branding-title">{t('adminMail.branding')}</Title>
        <ErrorAlert error={error} />
        <Group grow align="end">
          <TextInput label={t('adminMail.displayName')} maxLength={100} error={serverFieldError(error, 'displayName', t)} value={form.displayName ?? ''} onChange={(e) => edit('displayName', { displayName: e.currentTarget.value })} />
          <ColorInput label={t('adminMail.accent')} withEyeDropper={false} format="hex" error={serverFieldError(error, 'accentColor', t, 'adminMail.accentInvalid')} value={form.accentColor ?? ''} onChange={(v) => edit('accentColor', { accentColor: v })} />
        </Group>
        <Group align="end">
          <FileInput label={t('adminMail.logo')} accept="image/png,image/jpeg,image/webp" error={serverFieldError(error, 'logo', t) && t('adminMail.logoInvalid')} onChange={(f) => f && readDataUrl(f).then((logo) => edit('logo', { logo }))} clearable w={280} />
          {form.logo && <Image src={form.logo} alt="" h={40} w="auto" />}
          {form.logo && <Button variant="subtle" onClick={() => edit('logo', { logo: null })}>{t('common.remove')}</Button>}
        </Group>
        <Group><Button type="submit">{t('common.save')}</Button></Group>
      </Stack>
    </Card>
  );
}
