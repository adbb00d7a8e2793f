import { useQuery } from '@tanstack/react-query';
import { Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { adminQueries } from '../../api/admin.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StackingTable } from '../../components/StackingTable.tsx';
import { AppRow } from './AppRow.tsx';
import { NewAppCard } from './NewAppCard.tsx';

/** The organization's applications (bookmarks, OpenID Connect…): create one, assign them to groups. */
export function AppsPage() {
  const { t } = useTranslation();
  const apps = useQuery(adminQueries.apps());
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('adminNav.applications')}
      </Title>
      <NewAppCard />
      {apps.isPending ? (
        <Skeleton h={80} />
      ) : apps.isError ? (
        <ErrorAlert error={apps.error} />
      ) : apps.data.items.length === 0 ? (
        <Text c="dimmed">{t('adminApps.none')}</Text>
      ) : (
        // On a phone, one card per application: scrolled sideways, its Assign controls were off screen.
        <StackingTable minWidth={600}>
          <Table.Tbody>
            {apps.data.items.map((a) => (
              <AppRow key={a.id} app={a} />
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
    </Stack>
  );
}
