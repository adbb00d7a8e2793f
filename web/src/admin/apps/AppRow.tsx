import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Select, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { AppIcon } from '../../components/AppIcon.tsx';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminApi, adminQueries, type AdminApp } from '../../api/admin.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { settingsPathOf, typeBadgeKeys } from './app-types.ts';
import { appLinkId } from './focus-new-app.ts';

type Props = { app: AdminApp };

/** One application: its name and type, a link to its settings, and assignment to a group. */
export function AppRow({ app }: Props) {
  const { t } = useTranslation();
  const groups = useQuery(adminQueries.groups());
  const [groupId, setGroupId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const settings = settingsPathOf[app.type]?.(app.id);
  async function assign() {
    if (!groupId) return;
    setError(undefined);
    try {
      await adminApi.assignApp(app.id, { groupId });
      notifications.show({ color: 'teal', message: t('adminApps.assigned', { name: app.name }), closeButtonProps: { 'aria-label': t('common.close') } });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Table.Tr data-testid="admin-app-row">
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <AppIcon name={app.name} icon={app.icon} radius="sm" />
          {settings ? (
            <Anchor component={Link} to={settings} id={appLinkId(app.id)} aria-label={t('adminApps.settingsOf', { name: app.name })}>
              {app.name}
            </Anchor>
          ) : (
            app.name
          )}
          {/* Never squeezed by a long name: a badge cut to "S…" said nothing. */}
          <Badge variant="light" color="gray" style={{ flexShrink: 0, overflow: 'visible' }}>
            {typeBadgeKeys[app.type] ? t(typeBadgeKeys[app.type]) : app.type}
          </Badge>
        </Group>
      </Table.Td>
      <Table.Td>{app.url}</Table.Td>
      <Table.Td>
        <ErrorAlert error={error} />
        <Group align="end" gap="xs">
          <Select
            aria-label={t('adminApps.assignTo', { name: app.name })}
            placeholder={t('adminApps.group')}
            data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
          />
          <Button size="xs" variant="default" onClick={assign} disabled={!groupId}>
            {t('adminApps.assign')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
