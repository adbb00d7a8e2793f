import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Center, Loader } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { invitationQueries } from '../../api/invitations.ts';
import { sessionQuery } from '../../api/session.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLinkToken } from '../../lib/use-link-token.ts';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { JoinWithAccount } from './JoinWithAccount.tsx';

/** Kept for the tab's life, so the link still works after a sign-in round trip (/login?returnTo=/invite). */
const INVITE_TOKEN_STORAGE = 'tessera.inviteToken';

/** The invitee's page: create the account (new address) or join with the existing one. */
export function InvitePage() {
  const { t } = useTranslation();
  const token = useLinkToken(INVITE_TOKEN_STORAGE);
  const info = useQuery({ ...invitationQueries.check(token ?? ''), enabled: Boolean(token) });
  const session = useQuery(sessionQuery);
  const dead = !token || (info.error instanceof ApiError && info.error.code === 'token.invalid');

  useEffect(() => {
    if (dead) sessionStorage.removeItem(INVITE_TOKEN_STORAGE);
  }, [dead]);

  if (dead || info.isError) {
    return (
      <AuthCard title={t('invite.invalidTitle')}>
        {dead ? (
          <Alert color="red" role="alert">
            {t('invite.invalid')}
          </Alert>
        ) : (
          <ErrorAlert error={info.error} />
        )}
        <Anchor component={Link} to="/login">
          {t('common.signIn')}
        </Anchor>
      </AuthCard>
    );
  }
  if (info.isPending || session.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  const org = info.data.organization.name;
  const done = () => sessionStorage.removeItem(INVITE_TOKEN_STORAGE);
  if (info.data.accountExists) {
    return (
      <AuthCard title={t('invite.title', { org })}>
        <JoinWithAccount token={token} org={org} signedIn={Boolean(session.data)} joinsBeforeSignIn={info.data.joinsBeforeSignIn} onJoined={done} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('invite.createTitle')} subtitle={t('invite.title', { org })}>
      <CreateAccountForm token={token} info={info.data} onCreated={done} />
    </AuthCard>
  );
}
