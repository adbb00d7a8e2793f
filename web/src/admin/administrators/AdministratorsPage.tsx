import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, useOutletContext } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../../contract/admin-users.ts';
import { personName } from '../../lib/person-name.ts';
import type { SessionInfo } from '../../../../contract/session.ts';
import { adminKeys } from '../../api/admin.ts';
import { memberQueries, membersApi } from '../../api/members.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';

const optionLabel = (u: AdminUser) => `${personName(u)} <${u.email}>`;

/** Who administers the organization: grant the role to a member, revoke it (the last one stays). */
export function AdministratorsPage() {
  const { t } = useTranslation();
  const session = useOutletContext<SessionInfo>();
  const queryClient = useQueryClient();
  const admins = useQuery(memberQueries.administrators());
  const setRole = useMutation({
    mutationFn: ({ user, role }: { user: AdminUser; role: AdminUser['role'] }) => membersApi.setRole(user.id, role),
    onSuccess: async (_, { user, role }) => {
      notifications.show({ color: 'teal', message: t(role === 'admin' ? 'adminAdmins.granted' : 'adminAdmins.revoked', { email: user.email }), closeButtonProps: { 'aria-label': t('common.close') } });
      // Revoking one's own role changes what the console may show: the session is read again too.
      await queryClient.invalidateQueries(user.id === session.user.id ? undefined : { queryKey: adminKeys.all });
    },
  });
  // Either way someone's powers change at once, for the whole organization: asked first, naming them.
  function grant(user: AdminUser) {
    if (!window.confirm(t('adminAdmins.confirmGrant', { email: user.email }))) return false;
    setRole.mutate({ user, role: 'admin' });
    return true;
  }
  function revoke(user: AdminUser) {
    const question = user.id === session.user.id ? t('adminAdmins.confirmSelf') : t('adminAdmins.confirmRevoke', { email: user.email });
    if (window.confirm(question)) setRole.mutate({ user, role: 'member' });
  }
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.administrators')}</Title>
      <Text>{t('adminAdmins.intro')}</Text>
      <ErrorAlert error={setRole.error} />
      <GrantAdministrator pending={setRole.isPending} onGrant={grant} />
      <Section id="admins-list" title={t('adminAdmins.current')}>
        {admins.isPending ? (
          <Skeleton h={120} />
        ) : admins.isError ? (
          <ErrorAlert error={admins.error} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('adminUsers.name')}</Table.Th><Table.Th>{t('common.email')}</Table.Th><Table.Th /></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {admins.data.items.map((u) => (
                  <Table.Tr key={u.id} data-testid="admin-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/users/${u.id}`}>{personName(u)}</Anchor>
                      {u.id === session.user.id && <Badge size="xs" ml="xs" variant="light">{t('adminAdmins.you')}</Badge>}
                      {u.status === 'suspended' && <Badge size="xs" ml="xs" color="red.9">{t('adminUsers.statusValue.suspended')}</Badge>}
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        <Button size="xs" variant="light" color="red" loading={setRole.isPending && setRole.variables?.user.id === u.id} onClick={() => revoke(u)} aria-label={t('adminAdmins.revokeFor', { email: u.email })}>
                          {t('adminAdmins.revoke')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}

/** Pick a member (searched on the server as the administrator types) and make them an administrator (`onGrant` false: not done). */
function GrantAdministrator({ pending, onGrant }: { pending: boolean; onGrant(user: AdminUser): boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<AdminUser | undefined>();
  // Once a member is picked the box shows their label: that is not a new search.
  const [q] = useDebouncedValue(picked && search === optionLabel(picked) ? '' : search.trim().slice(0, 100), 250);
  const candidates = useQuery(memberQueries.candidates(q));
  const options = candidates.data?.items ?? [];
  return (
    <Section id="admins-grant" title={t('adminAdmins.grantTitle')}>
      <Group align="end">
        <Select
          label={t('adminAdmins.member')}
          placeholder={t('adminAdmins.searchMember')}
          searchable
          clearable
          w={360}
          searchValue={search}
          onSearchChange={setSearch}
          // The server already matched name, e-mail and username; the list is shown as it answered.
          filter={({ options: all }) => all}
          nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('adminAdmins.noCandidates')}
          data={[...options, ...(picked && !options.some((o) => o.id === picked.id) ? [picked] : [])].map((u) => ({ value: u.id, label: optionLabel(u) }))}
          value={picked?.id ?? null}
          onChange={(id) => setPicked(options.find((o) => o.id === id) ?? (picked?.id === id ? picked : undefined))}
        />
        <Button
          disabled={!picked}
          loading={pending}
          onClick={() => {
            // Said no to, the pick stays, to be granted after all or changed.
            if (!picked || !onGrant(picked)) return;
            setPicked(undefined);
            setSearch('');
          }}
        >
          {t('adminAdmins.grant')}
        </Button>
      </Group>
    </Section>
  );
}
