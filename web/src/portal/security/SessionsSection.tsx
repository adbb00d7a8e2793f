import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Group, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { StackingTable } from '../../components/StackingTable.tsx';
import { deviceName } from '../../lib/device-name.ts';

/** My active sessions, this one marked; sign out any other, or all of them. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const label = (key: string) => t('common.cellLabel', { label: t(key) });
  const sessions = useQuery(meQueries.sessions());
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: meKeys.sessions() });
  const end = async (id: string) => {
    await meApi.endSession(id);
    await refresh();
    notifications.show({ color: 'teal', message: t('security.sessionEnded') });
  };
  const endOthers = async () => {
    const { ended } = await meApi.endOtherSessions();
    await refresh();
    notifications.show({ color: 'teal', message: t('security.sessionsEnded', { count: ended }) });
  };
  return (
    <Section id="security-sessions" title={t('security.sessions')}>
      <ErrorAlert error={sessions.error} />
      {sessions.isPending ? <Skeleton h={80} /> : (
        <StackingTable minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('security.device')}</Table.Th>
              <Table.Th>{t('security.ip')}</Table.Th>
              <Table.Th>{t('security.signedIn')}</Table.Th>
              <Table.Th>{t('security.lastSeen')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data?.items.map((s) => (
              <Table.Tr key={s.id} data-testid="session-row">
                <Table.Td>{deviceName(t, s)} {s.current && <Badge ml="xs">{t('security.thisSession')}</Badge>}</Table.Td>
                <Table.Td data-label={label('security.ip')}>{s.ip}</Table.Td>
                <Table.Td data-label={label('security.signedIn')}>{new Date(s.createdAt).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td data-label={label('security.lastSeen')}>{new Date(s.lastSeenAt).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{!s.current && <Button size="xs" variant="light" color="red" onClick={() => end(s.id)} aria-label={t('security.signOutSession', { device: deviceName(t, s) })}>{t('security.signOut')}</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
      {(sessions.data?.items.length ?? 0) > 1 ? (
        <Group><Button variant="default" onClick={endOthers}>{t('security.signOutOthers')}</Button></Group>
      ) : <Text size="sm" c="dimmed">{t('security.onlySession')}</Text>}
    </Section>
  );
}
