import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MemberSession } from '../../../contract/admin-users.ts';
import { api } from '../api/client.ts';
import { adminKeys } from '../api/admin.ts';
import { deviceName } from '../lib/device-name.ts';

/** The member's sessions in this organization, with "sign out everywhere". */
export function MemberSessions({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: [...adminKeys.all, 'user', userId, 'sessions'], queryFn: () => api.get<{ items: MemberSession[] }>(`/api/admin/users/${userId}/sessions`) });
  const signOut = async () => {
    await api.post(`/api/admin/users/${userId}/sign-out`);
    await queryClient.invalidateQueries({ queryKey: adminKeys.all });
  };
  return (
    <Card withBorder component="section" aria-labelledby="u-sessions">
      <Group justify="space-between">
        <Title order={2} size="h5" id="u-sessions">{t('security.sessions')}</Title>
        {(sessions.data?.items.length ?? 0) > 0 && <Button size="xs" variant="light" color="red" onClick={signOut}>{t('adminUsers.signOut')}</Button>}
      </Group>
      {sessions.data?.items.length ? (
        <Table>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id} data-testid="member-session"><Table.Td>{deviceName(t, s)}</Table.Td><Table.Td>{s.ip}</Table.Td><Table.Td>{new Date(s.lastSeenAt).toLocaleString(i18n.language)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : <Text size="sm" c="dimmed">{t('adminUser.noSessions')}</Text>}
    </Card>
  );
}
