import { Alert, Anchor, AppShell, Burger, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../components/AccountMenu.tsx';
import { RequireSession } from '../components/RequireSession.tsx';

const SECTIONS = [
  { to: '/admin', key: 'adminNav.users' },
  { to: '/admin/groups', key: 'adminNav.groups' },
  { to: '/admin/applications', key: 'adminNav.applications' },
  { to: '/admin/policies', key: 'adminNav.policies' },
  { to: '/admin/audit', key: 'adminNav.audit' },
  { to: '/admin/api-keys', key: 'adminNav.apiKeys' },
  { to: '/admin/mail', key: 'adminNav.mail' },
] as const;

/** The Administrator Portal shell: only administrators of the active organization get in. */
export function AdminLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <RequireSession loginPath="/admin/login">
      {(session) => (
        <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
          <AppShell.Header>
            <Group h="100%" px="md" justify="space-between">
              <Group>
                <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('portal.navigation')} />
                <Title order={2} size="h4">{t('admin.title')}</Title>
                <Text c="dimmed">{session.organization.name}</Text>
              </Group>
              <AccountMenu session={session} loginPath="/admin/login" />
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="xs" component="nav" aria-label={t('portal.navigation')}>
            {SECTIONS.map((s) => (
              <NavLink key={s.to} component={Link} to={s.to} label={t(s.key)} variant="filled" active={s.to === '/admin' ? location.pathname === '/admin' : location.pathname.startsWith(s.to)} onClick={close} />
            ))}
          </AppShell.Navbar>
          <AppShell.Main>
            {session.organization.role === 'admin' ? (
              <Outlet context={session} />
            ) : (
              <Stack maw={520}>
                <Alert color="orange" role="alert">{t('admin.notAdmin')}</Alert>
                <Anchor component={Link} to="/">{t('admin.toPortal')}</Anchor>
              </Stack>
            )}
          </AppShell.Main>
        </AppShell>
      )}
    </RequireSession>
  );
}
