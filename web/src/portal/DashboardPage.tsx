import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link, useOutletContext } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contract/session.ts';
import { meQueries } from '../api/me.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { actionCount } from './action-count.ts';

/** What this person can reach in the active organization, and what needs their action. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const session = useOutletContext<SessionInfo>();
  const dashboard = useQuery(meQueries.dashboard());
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(i18n.language) : t('dashboard.never'));
  return (
    <Stack>
      <Title order={1} size="h2">{t('portal.welcome', { name: session.user.firstName || session.user.email })}</Title>
      <Text c="dimmed">{t('portal.orgLine', { org: session.organization.name })}</Text>
      <ErrorAlert error={dashboard.error} />
      {dashboard.isPending ? (
        <Skeleton h={160} />
      ) : dashboard.data ? (
        <>
          {dashboard.data.actions.map((a) => (
            <Alert key={a.kind} color="orange" title={String(t(`dashboard.action.${a.kind}`, { ...a, count: actionCount(a) }))}>
              <Anchor component={Link} to={a.kind === 'recovery_email_unconfirmed' ? '/profile' : '/security'}>{t('dashboard.fix')}</Anchor>
            </Alert>
          ))}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Text fw={600}>{t('portal.applications')}</Text>
              <Text size="xl" fw={700} data-testid="apps-count">{dashboard.data.apps.count}</Text>
              {dashboard.data.apps.mostUsed.length > 0 && <Text size="sm" c="dimmed">{t('dashboard.mostUsed', { names: dashboard.data.apps.mostUsed.map((a) => a.name).join(', ') })}</Text>}
              <Anchor component={Link} to="/applications" size="sm">{t('dashboard.openApps')}</Anchor>
            </Card>
            <Card withBorder>
              <Text fw={600}>{t('dashboard.mfa')}</Text>
              <Group gap="xs" mt="xs">
                <Badge color={dashboard.data.security.mfa.enabled ? 'teal.9' : 'gray.7'}>{dashboard.data.security.mfa.enabled ? t('dashboard.on') : t('dashboard.off')}</Badge>
                {dashboard.data.security.mfa.methods.map((m) => <Badge key={m} variant="filled">{t(`dashboard.method.${m}`)}</Badge>)}
              </Group>
              <Anchor component={Link} to="/security" size="sm">{t('portal.security')}</Anchor>
            </Card>
            <Card withBorder>
              <Text fw={600}>{t('common.password')}</Text>
              <Text size="sm">{t('dashboard.changed', { date: date(dashboard.data.security.password.changedAt) })}</Text>
              <Text size="sm">{dashboard.data.security.password.expiresAt ? t('dashboard.expires', { date: date(dashboard.data.security.password.expiresAt) }) : t('dashboard.noExpiry')}</Text>
              <Text size="sm">{t('dashboard.sshKeys', { count: dashboard.data.security.sshKeys })}</Text>
            </Card>
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
