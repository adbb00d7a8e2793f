import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Card, Modal, SimpleGrid, Skeleton, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PortalApp } from '../../../../contract/apps.ts';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AppIcon } from '../../components/AppIcon.tsx';
import { matchesSearch } from '../../../../contract/matches-search.ts';

/** The applications assigned to me in this organization; a click launches one. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // One person's applications are few: all of them come at once and the search filters them here,
  // where case and accents can be ignored ("equipe" finds "Calendrier équipe"), which ILIKE does not.
  const apps = useQuery(meQueries.apps(''));
  const shown = apps.data?.items.filter((app) => matchesSearch(search, app.name, app.description));
  const [details, setDetails] = useState<PortalApp | undefined>();
  const [error, setError] = useState<unknown>();
  const queryClient = useQueryClient();

  async function launch(app: PortalApp) {
    setError(undefined);
    // Opened before the request so that pop-up blockers see a user gesture.
    const tab = window.open('', '_blank');
    try {
      const { url } = await meApi.launch(app.id);
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else window.location.assign(url);
      void queryClient.invalidateQueries({ queryKey: meKeys.all });
    } catch (err) {
      tab?.close();
      setError(err);
      // The refusal may be that the tile is stale (access taken back, application deleted): show the list as it is now.
      void queryClient.invalidateQueries({ queryKey: meKeys.all });
    }
  }

  return (
    <Stack>
      <Title order={1} size="h2">{t('portal.applications')}</Title>
      <TextInput label={t('apps.search')} placeholder={t('apps.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
      <ErrorAlert error={error ?? apps.error} />
      {apps.isPending ? (
        <Skeleton h={120} />
      ) : shown?.length === 0 ? (
        <Text c="dimmed">{apps.data?.items.length ? t('apps.noMatch') : t('apps.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4, lg: 6 }}>
          {shown?.map((app) => (
            <Card key={app.id} withBorder padding="md" data-testid="app-tile" className="app-tile">
              {/* The whole tile launches (the button stretches over the card, styles.css .tile-launch); its name is the application's, and the details link stays above it. */}
              <UnstyledButton className="tile-launch" onClick={() => launch(app)} title={t('apps.launch', { name: app.name })}>
                <Stack align="center" gap="xs">
                  <AppIcon name={app.name} icon={app.icon} size="lg" />
                  {/* Two lines at most, as the description: a long name would make every tile of its row tall. */}
                  <Text fw={600} ta="center" lineClamp={2} style={{ wordBreak: 'break-word' }}>{app.name}</Text>
                </Stack>
              </UnstyledButton>
              {app.description && <Text size="sm" c="dimmed" ta="center" lineClamp={2} mt={4}>{app.description}</Text>}
              {app.details && (
                <Anchor component="button" type="button" size="xs" ta="center" mt="xs" onClick={() => setDetails(app)}>
                  {t('apps.details')}
                </Anchor>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Modal opened={Boolean(details)} onClose={() => setDetails(undefined)} title={details?.name} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{details?.details}</Text>
      </Modal>
    </Stack>
  );
}
