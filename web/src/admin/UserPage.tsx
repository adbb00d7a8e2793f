import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '../../../contract/admin-users.ts';
import { api } from '../api/client.ts';
import { adminKeys } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useState } from 'react';
import { MemberProfileCard } from './MemberProfileCard.tsx';
import { MemberSessions } from './MemberSessions.tsx';
import { AuditEventName } from './AuditEventName.tsx';
import { personName } from '../lib/person-name.ts';

/** One member: groups, applications, factors (no secrets), recent events, and what an administrator can do. */
export function UserPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const member = useQuery({ queryKey: [...adminKeys.all, 'user', id], queryFn: () => api.get<MemberDetail>(`/api/admin/users/${id}`) });
  const [error, setError] = useState<unknown>();
  async function run(call: () => Promise<unknown>, after?: () => void) {
    setError(undefined);
    try {
      await call();
      notifications.show({ color: 'teal', message: t('common.saved') });
      // Leave first: refreshing this page's person after removing them would only fetch a 404.
      after?.();
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    } catch (err) {
      setError(err);
    }
  }
  if (member.isPending) return <Skeleton h={300} />;
  if (!member.data) return <ErrorAlert error={member.error} />;
  const m = member.data;
  return (
    <Stack>
      <Anchor component={Link} to="/admin" size="sm">← {t('adminNav.users')}</Anchor>
      <Title order={1} size="h2">{personName(m)}</Title>
      <Group gap="xs">
        <Text>{m.email}</Text>
        <Badge color={m.status === 'suspended' ? 'red.9' : 'teal.9'}>{t(`adminUsers.statusValue.${m.status}`)}</Badge>
        {m.role === 'admin' && <Badge>{t('adminUsers.admin')}</Badge>}
        {m.locked && <Badge color="orange.9">{t('adminUsers.locked')}</Badge>}
        {m.mustChangePassword && <Badge color="grape.9">{t('adminUsers.needsNewPassword')}</Badge>}
      </Group>
      <ErrorAlert error={error} />
      <Group>
        <Button variant="default" onClick={() => (m.role === 'admin' || window.confirm(t('adminUser.confirmMakeAdmin', { email: m.email }))) && run(() => api.post(`/api/admin/users/${m.id}`, { role: m.role === 'admin' ? 'member' : 'admin' }))}>
          {m.role === 'admin' ? t('adminUser.revokeAdmin') : t('adminUser.makeAdmin')}
        </Button>
        <Button variant="default" onClick={() => window.confirm(t('adminUser.confirmResetMfa', { email: m.email })) && run(() => api.post(`/api/admin/users/${m.id}/mfa/reset`))} disabled={m.factors.length === 0}>{t('adminUser.resetMfa')}</Button>
        <Button variant="light" color="red" onClick={() => window.confirm(t('adminUser.confirmRemove', { email: m.email })) && run(() => api.delete(`/api/admin/users/${m.id}`), () => navigate('/admin'))}>{t('adminUser.remove')}</Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder component="section" aria-labelledby="u-groups"><Title order={2} size="h5" id="u-groups">{t('adminNav.groups')}</Title><List size="sm">{m.groups.map((g) => <List.Item key={g.id}>{g.name}</List.Item>)}</List></Card>
        <Card withBorder component="section" aria-labelledby="u-apps"><Title order={2} size="h5" id="u-apps">{t('adminNav.applications')}</Title><List size="sm">{m.apps.map((a) => <List.Item key={a.id}>{a.name}</List.Item>)}</List></Card>
        <Card withBorder component="section" aria-labelledby="u-factors"><Title order={2} size="h5" id="u-factors">{t('security.mfa')}</Title><List size="sm">{m.factors.map((f) => <List.Item key={f.id}>{f.name}</List.Item>)}</List>{m.factors.length === 0 && <Text size="sm" c="dimmed">{t('security.noFactors')}</Text>}</Card>
      </SimpleGrid>
      <MemberSessions userId={m.id} />
      <MemberProfileCard key={`p-${m.id}`} userId={m.id} section="personal" values={m.personal} readOnlyReason={m.sharedAccount ? t('adminUser.sharedPersonal') : undefined} />
      <MemberProfileCard key={`e-${m.id}`} userId={m.id} section="employment" values={m.employment} />
      <Card withBorder component="section" aria-labelledby="u-events">
        <Title order={2} size="h5" id="u-events">{t('adminUser.events')}</Title>
        <Table>
          <Table.Tbody>
            {m.events.map((e) => (
              <Table.Tr key={e.id}><Table.Td>{new Date(e.at).toLocaleString(i18n.language)}</Table.Td><Table.Td><AuditEventName name={e.event} /></Table.Td><Table.Td>{t(`adminAudit.${e.outcome}`)}</Table.Td><Table.Td>{e.ip}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
