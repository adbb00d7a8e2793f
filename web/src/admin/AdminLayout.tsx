import { Alert, Anchor, AppShell, Group, Stack, Text, Title } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../components/AccountMenu.tsx';
import { RequireSession } from '../components/RequireSession.tsx';

/** The Administrator Portal shell: only administrators of the active organization get in. */
export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <RequireSession loginPath="/admin/login">
      {(session) => (
        <AppShell header={{ height: 60 }} padding="md">
          <AppShell.Header>
            <Group h="100%" px="md" justify="space-between">
              <Group>
                <Title order={2} size="h4">{t('admin.title')}</Title>
                <Text c="dimmed">{session.organization.name}</Text>
              </Group>
              <AccountMenu session={session} loginPath="/admin/login" />
            </Group>
          </AppShell.Header>
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
