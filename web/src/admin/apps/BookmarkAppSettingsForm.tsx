import { useState } from 'react';
import { Avatar, Button, FileInput, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BookmarkApp } from '../../../../contract/apps.ts';
import { appDetailApi, appDetailKeys } from '../../api/bookmark-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { AppSettingsCard } from './AppSettingsCard.tsx';
import { bookmarkFormOf, bookmarkFormSchema, bookmarkUpdateBody, type BookmarkFormValues } from './bookmark-form.ts';
import { readDataUrl } from './read-data-url.ts';

type Props = { app: BookmarkApp };

/** A bookmark's name, the address its tile opens, the texts users read, and its icon. */
export function BookmarkAppSettingsForm({ app }: Props) {
  const { t } = useTranslation();
  const form = useAppForm<BookmarkFormValues>(bookmarkFormSchema, bookmarkFormOf(app));
  const [file, setFile] = useState<File | null>(null);
  async function chooseIcon(next: File | null) {
    setFile(next);
    form.setFieldValue('icon', next ? await readDataUrl(next) : form.getInitialValues().icon);
  }
  const update = async (values: BookmarkFormValues) => {
    const saved = await appDetailApi.updateBookmark(app.id, bookmarkUpdateBody(values, form.isDirty('icon')));
    setFile(null);
    return saved;
  };
  return (
    <AppSettingsCard id="bookmark-settings" form={form} detailKey={appDetailKeys.bookmark(app.id)} update={update} formOf={bookmarkFormOf}>
      <Group grow align="start">
        <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('adminApps.url')} type="url" required {...form.getInputProps('url')} />
      </Group>
      <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
      <Textarea label={t('adminApps.details')} autosize minRows={2} {...form.getInputProps('details')} />
      <Stack gap={4}>
        <Group align="end">
          <Avatar src={form.values.icon ?? undefined} alt={t('adminBookmark.currentIcon')} radius="sm" size="lg">
            {form.values.name.slice(0, 2)}
          </Avatar>
          <FileInput label={t('adminApps.icon')} accept="image/png,image/jpeg,image/gif,image/webp" value={file} onChange={(f) => void chooseIcon(f)} clearable w={320} />
          {form.values.icon && (
            <Button variant="default" onClick={() => { setFile(null); form.setFieldValue('icon', null); }}>
              {t('adminBookmark.removeIcon')}
            </Button>
          )}
        </Group>
        {form.errors.icon && <Text size="sm" c="red.8">{t('adminBookmark.iconInvalid')}</Text>}
      </Stack>
    </AppSettingsCard>
  );
}
