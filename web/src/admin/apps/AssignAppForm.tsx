import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries } from '../../api/admin.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { UserPicker } from '../UserPicker.tsx';

type Props = { appId: string; appName: string };
type Target = { userId: string } | { groupId: string };

/** Gives the application to one person (found by e-mail or name) or to a group. */
export function AssignAppForm({ appId, appName }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const groups = useQuery(adminQueries.groups());
  const [userId, setUserId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: (target: Target) => adminApi.assignApp(appId, target),
    onSuccess: async (_, target) => {
      if ('userId' in target) setUserId(null);
      else setGroupId(null);
      notifications.show({ color: 'teal', message: t('adminApps.assigned', { name: appName }), closeButtonProps: { 'aria-label': t('common.close') } });
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  return (
    <>
      <ErrorAlert error={assign.error} />
      <Group align="end" gap="xs" mt="md">
        <UserPicker label={t('adminAssignments.toPerson')} placeholder={t('adminAssignments.searchPerson')} value={userId} onChange={setUserId} />
        <Button variant="default" disabled={!userId} loading={assign.isPending && assign.variables && 'userId' in assign.variables} onClick={() => userId && assign.mutate({ userId })}>
          {t('adminApps.assign')}
        </Button>
      </Group>
      <Group align="end" gap="xs" mt="sm">
        <Select label={t('adminAssignments.toGroup')} placeholder={t('adminApps.group')} data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} />
        <Button variant="default" disabled={!groupId} loading={assign.isPending && assign.variables && 'groupId' in assign.variables} onClick={() => groupId && assign.mutate({ groupId })}>
          {t('adminApps.assign')}
        </Button>
      </Group>
    </>
  );
}
