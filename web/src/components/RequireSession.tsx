import { useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contract/session.ts';
import { sessionQuery } from '../api/session.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

type Props = { loginPath: string; children(session: SessionInfo): ReactNode };

/** Renders its children with the session, or sends the visitor to sign in and back. */
export function RequireSession({ loginPath, children }: Props) {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  useEffect(() => {
    // replace, not assign: Back from the login page must not land here again, to be sent straight back.
    if (session.data === null) window.location.replace(`${loginPath}?returnTo=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [session.data, loginPath]);
  if (session.isError) return <ErrorAlert error={session.error} />;
  if (!session.data) return <Center mih="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  return <>{children(session.data)}</>;
}
