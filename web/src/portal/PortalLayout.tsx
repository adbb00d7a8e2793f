import { AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../components/AccountMenu.tsx';
import { RequireSession } from '../components/RequireSession.tsx';

const SECTIONS = [
  { to: '/', key: 'portal.dashboard' },
  { to: '/applications', key: 'portal.applications' },
  { to: '/profile', key: 'portal.profile' },
  { to: '/security', key: 'portal.security' },
] as const;

/** The User Portal: navigation on the left, the organization and the account menu on top. */
export function PortalLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <RequireSession loginPath="/login">
      {(session) => (
        <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
          <AppShell.Header>
            <Group h="100%" px="md" justify="space-between">
              <Group>
                <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('portal.navigation')} />
                <Title order={2} size="h4">Tessera</Title>
                <Text c="dimmed" data-testid="org-name">{session.organization.name}</Text>
              </Group>
              <AccountMenu session={session} loginPath="/login" />
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="xs" component="nav" aria-label={t('portal.navigation')}>
            {SECTIONS.map((s) => (
              <NavLink key={s.to} component={Link} to={s.to} label={t(s.key)} variant="filled" active={s.to === '/' ? location.pathname === '/' : location.pathname.startsWith(s.to)} onClick={close} />
            ))}
          </AppShell.Navbar>
          <AppShell.Main>
            <Outlet context={session} />
          </AppShell.Main>
        </AppShell>
      )}
    </RequireSession>
  );
}
