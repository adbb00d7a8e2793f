import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Anchor, Skeleton, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

type Props<T extends { name: string }> = { app: UseQueryResult<T>; children: (app: T) => ReactNode };

/** The frame of one application's page, whatever its protocol: back link, loading, error, its name. */
export function AppPageFrame<T extends { name: string }>({ app, children }: Props<T>) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Anchor component={Link} to="/admin/applications" size="sm">
        {t('adminOidc.backToApps')}
      </Anchor>
      {app.isPending ? (
        <>
          <Skeleton h={36} w={240} />
          <Skeleton h={200} />
        </>
      ) : app.isError ? (
        <>
          <Title order={1} size="h2">
            {t('adminNav.applications')}
          </Title>
          <ErrorAlert error={app.error} />
        </>
      ) : (
        <>
          <Title order={1} size="h2">
            {app.data.name}
          </Title>
          {children(app.data)}
        </>
      )}
    </Stack>
  );
}
