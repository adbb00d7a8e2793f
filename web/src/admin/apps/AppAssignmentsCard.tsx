import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Group, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AppAssignment } from '../../../../contract/apps.ts';
import { adminKeys } from '../../api/admin.ts';
import { appDetailApi, appDetailQueries } from '../../api/bookmark-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { personName } from '../../lib/person-name.ts';
import { AssignAppForm } from './AssignAppForm.tsx';

type Props = { appId: string; appName: string };

const labelOf = (a: AppAssignment) => (a.kind === 'group' ? a.name : personName(a));

/** Who sees the application in their portal — people directly and groups — giving it to more, and taking it away from one. */
export function AppAssignmentsCard({ appId, appName }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const assignments = useQuery(appDetailQueries.assignments(appId));
  const remove = useMutation({
    mutationFn: (a: AppAssignment) => appDetailApi.unassign(appId, a),
    onSuccess: async (_, a) => {
      notifications.show({ color: 'teal', message: t('adminAssignments.removed', { name: labelOf(a), app: appName }), closeButtonProps: { 'aria-label': t('common.close') } });
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  return (
    <Section id="app-assignments" title={t('adminAssignments.title')}>
      <ErrorAlert error={remove.error} />
      {assignments.isPending ? (
        <Skeleton h={60} />
      ) : assignments.isError ? (
        <ErrorAlert error={assignments.error} />
      ) : assignments.data.items.length === 0 ? (
        <Text size="sm">{t('adminAssignments.none')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {assignments.data.items.map((a) => (
              <Table.Tr key={`${a.kind}-${a.id}`} data-testid="assignment-row">
                <Table.Td>
                  <Group gap="xs">
                    <Badge variant="light" color="gray">{t(a.kind === 'group' ? 'adminAssignments.group' : 'adminAssignments.person')}</Badge>
                    {labelOf(a)}
                    {a.kind === 'user' && <Text span size="sm">{a.email}</Text>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="light" color="red" loading={remove.isPending && remove.variables?.id === a.id} onClick={() => remove.mutate(a)} aria-label={t('adminAssignments.removeFor', { name: labelOf(a) })}>
                      {t('common.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AssignAppForm appId={appId} appName={appName} />
    </Section>
  );
}
