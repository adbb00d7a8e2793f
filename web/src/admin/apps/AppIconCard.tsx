import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, FileInput, Group, Text } from '@mantine/core';
import { AppIcon } from '../../components/AppIcon.tsx';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { setAppIconInput } from '../../../../contract/apps.ts';
import { adminKeys } from '../../api/admin.ts';
import { appDetailApi } from '../../api/bookmark-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { readDataUrl } from './read-data-url.ts';
import type { AppType } from '../../../../contract/apps.ts';

type Props = { appId: string; appName: string; icon: string | null; type: AppType };

/**
 * The image on an application's tile in the User Portal (and on its consent question), for any
 * type of application: saved as soon as it is chosen, or removed.
 */
export function AppIconCard({ appId, appName, icon, type }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (next: string | null) => appDetailApi.setIcon(appId, next),
    onSuccess: async ({ icon: saved }) => {
      setFile(null);
      notifications.show({ color: 'teal', message: saved ? t('adminAppIcon.saved') : t('adminAppIcon.removed') });
      // Every view of the application (its page, the list) reads the icon anew.
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
    },
  });

  async function choose(next: File | null) {
    setFile(next);
    setInvalid(false);
    if (!next) return;
    const dataUrl = await readDataUrl(next);
    // The server's own rule, checked first: a wrong file is named here, not sent.
    if (!setAppIconInput.safeParse({ icon: dataUrl }).success) return setInvalid(true);
    save.mutate(dataUrl);
  }

  return (
    <Section id="app-icon" title={t('adminAppIcon.title')}>
      <Text size="sm">{t(`adminAppIcon.help_${type}`)}</Text>
      <ErrorAlert error={save.error} />
      <Group align="end">
        <AppIcon name={appName} icon={icon} alt={t('adminAppIcon.current')} radius="sm" size="lg" />
        <FileInput label={t('adminApps.icon')} accept="image/png,image/jpeg,image/gif,image/webp" value={file} onChange={(f) => void choose(f)} disabled={save.isPending} w={320} error={invalid ? t('adminAppIcon.invalid') : undefined} />
        {icon && (
          <Button variant="default" loading={save.isPending && save.variables === null} onClick={() => save.mutate(null)}>
            {t('adminAppIcon.remove')}
          </Button>
        )}
      </Group>
    </Section>
  );
}
