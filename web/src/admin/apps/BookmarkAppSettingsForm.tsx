import { Group, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BookmarkApp } from '../../../../contract/apps.ts';
import { appDetailApi, appDetailKeys } from '../../api/bookmark-apps.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { AppSettingsCard } from './AppSettingsCard.tsx';
import { bookmarkFormOf, bookmarkFormSchema, type BookmarkFormValues } from './bookmark-form.ts';

type Props = { app: BookmarkApp };

/** A bookmark's name, the address its tile opens, and the texts users read (its icon has its own card). */
export function BookmarkAppSettingsForm({ app }: Props) {
  const { t } = useTranslation();
  const form = useAppForm<BookmarkFormValues>(bookmarkFormSchema, bookmarkFormOf(app));
  return (
    <AppSettingsCard id="bookmark-settings" form={form} detailKey={appDetailKeys.bookmark(app.id)} update={(values) => appDetailApi.updateBookmark(app.id, values)} formOf={bookmarkFormOf}>
      <Group grow align="start">
        <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('adminApps.url')} type="url" required {...form.getInputProps('url')} />
      </Group>
      <TextInput label={t('adminApps.description')} {...form.getInputProps('description')} />
      <Textarea label={t('adminApps.details')} autosize minRows={2} {...form.getInputProps('details')} />
    </AppSettingsCard>
  );
}
