import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminKeys } from '../../api/admin.ts';
import { appDetailApi } from '../../api/bookmark-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import type { AppType } from '../../../../contract/apps.ts';

type Props = { appId: string; appName: string; type: AppType };

/** Deleting an application of any type: its tiles, assignments and (for OIDC) issued tokens go with it. */
export function DeleteAppCard({ appId, appName, type }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => appDetailApi.remove(appId),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('adminDeleteApp.deleted', { name: appName }), closeButtonProps: { 'aria-label': t('common.close') } });
      // Leave first, so nothing still on screen asks for what no longer exists.
      await navigate('/admin/applications');
      queryClient.removeQueries({ predicate: (q) => q.queryKey.includes(appId) });
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  return (
    <Section id="app-delete" title={t('adminDeleteApp.title')}>
      <Text size="sm">{t(`adminDeleteApp.help_${type}`)}</Text>
      <ErrorAlert error={remove.error} />
      <Group>
        <Button color="red" loading={remove.isPending} onClick={() => window.confirm(t('adminDeleteApp.confirm', { name: appName })) && remove.mutate()}>
          {t('adminDeleteApp.submit')}
        </Button>
      </Group>
    </Section>
  );
}
