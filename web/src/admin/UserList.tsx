import { useInfiniteQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Menu, Skeleton, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../contract/admin-users.ts';
import { adminApi, adminQueries, type UserFilterValues } from '../api/admin.ts';
import { loadedItems } from '../api/paged-query.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { StackingTable } from '../components/StackingTable.tsx';
import { personName } from '../lib/person-name.ts';

type MemberAction = Parameters<typeof adminApi.userAction>[1];
type Props = {
  filters: UserFilterValues;
  /** A member's action from its menu (the page notifies and refreshes). */
  onAction: (id: string, action: MemberAction) => void;
  /** Resend or revoke the invitation of an invited row (its id is the invitation's). */
  onInvitation: (call: () => Promise<unknown>) => void;
};

const statusColor = { active: 'teal.9', suspended: 'red.9', invited: 'blue.9' } as const;

/** The Users table, page by page ("Load more"): members, or the people invited with the "Invited" filter. */
export function UserList({ filters, onAction, onInvitation }: Props) {
  const { t } = useTranslation();
  const users = useInfiniteQuery(adminQueries.userPages(filters));
  const rows = loadedItems(users.data);
  if (users.isPending) return <Skeleton h={200} />;
  if (users.isError) return <ErrorAlert error={users.error} />;
  if (rows.length === 0) return <Text c="gray.7">{t('adminUsers.noneFound')}</Text>;
  return (
    <>
      <StackingTable minWidth={720} striped>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('adminUsers.name')}</Table.Th><Table.Th>{t('common.email')}</Table.Th><Table.Th>{t('adminUsers.status')}</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.id} data-testid="user-row">
              <Table.Td>
                {u.status === 'invited' ? personName(u) : <Anchor component={Link} to={`/admin/users/${u.id}`}>{personName(u)}</Anchor>}
                {u.role === 'admin' && <Badge size="xs" ml="xs">{t('adminUsers.admin')}</Badge>}
              </Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={statusColor[u.status]} variant="filled">{t(`adminUsers.statusValue.${u.status}`)}</Badge>
                  {u.locked && <Badge color="orange.9" variant="filled">{t('adminUsers.locked')}</Badge>}
                  {(u.passwordExpired || u.mustChangePassword) && <Badge color="grape.9" variant="filled">{t('adminUsers.needsNewPassword')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>{u.status === 'invited' ? <InvitationActions user={u} onInvitation={onInvitation} /> : <MemberMenu user={u} onAction={onAction} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
      <LoadMore query={users} shown={rows.length} />
    </>
  );
}

function MemberMenu({ user: u, onAction }: { user: AdminUser; onAction: Props['onAction'] }) {
  const { t } = useTranslation();
  // What cuts a person off at once is asked first; what they can undo themselves (a new password) is not.
  const confirmed = (key: string) => window.confirm(t(key, { email: u.email }));
  return (
    <Menu position="bottom-end">
      <Menu.Target><Button size="xs" variant="default" aria-label={t('adminUsers.actionsFor', { email: u.email })}>{t('adminUsers.actions')}</Button></Menu.Target>
      <Menu.Dropdown>
        {u.status === 'active' ? <Menu.Item onClick={() => confirmed('adminUsers.confirmSuspend') && onAction(u.id, 'suspend')}>{t('adminUsers.suspend')}</Menu.Item> : <Menu.Item onClick={() => onAction(u.id, 'reactivate')}>{t('adminUsers.reactivate')}</Menu.Item>}
        {u.locked && <Menu.Item onClick={() => onAction(u.id, 'unlock')}>{t('adminUsers.unlock')}</Menu.Item>}
        <Menu.Item onClick={() => onAction(u.id, 'require-password-change')}>{t('adminUsers.forceReset')}</Menu.Item>
        <Menu.Item onClick={() => confirmed('adminUsers.confirmSignOut') && onAction(u.id, 'sign-out')}>{t('adminUsers.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function InvitationActions({ user: u, onInvitation }: { user: AdminUser; onInvitation: Props['onInvitation'] }) {
  const { t } = useTranslation();
  // Revoking cannot be undone from here (the link stops working, a new invitation sends a new one): asked first.
  return (
    <Group gap="xs" justify="flex-end">
      <Button size="xs" variant="default" aria-label={t('adminUsers.resendTo', { email: u.email })} onClick={() => onInvitation(() => adminApi.resend(u.id))}>{t('adminUsers.resend')}</Button>
      <Button size="xs" variant="light" color="red" aria-label={t('adminUsers.revokeFor', { email: u.email })} onClick={() => window.confirm(t('adminUsers.confirmRevoke', { email: u.email })) && onInvitation(() => adminApi.revoke(u.id))}>{t('adminUsers.revoke')}</Button>
    </Group>
  );
}
