import { useMutation } from '@tanstack/react-query';
import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { invitationApi } from '../../api/invitations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sameOriginPath } from '../../../../contract/same-origin-path.ts';

type Props = { token: string; org: string; signedIn: boolean; joinsBeforeSignIn: boolean; onJoined(): void };

/**
 * The address already has an account: sign in first (and come back here), then Join — or, for an
 * account with no organization to sign in to, Join first and sign in after.
 */
export function JoinWithAccount({ token, org, signedIn, joinsBeforeSignIn, onJoined }: Props) {
  const { t } = useTranslation();
  const accept = useMutation({
    mutationFn: () => invitationApi.accept(token),
    onSuccess: ({ redirectTo }) => {
      onJoined();
      window.location.assign(sameOriginPath(redirectTo));
    },
  });

  if (!signedIn && !joinsBeforeSignIn) {
    return (
      <Stack>
        <Text>{t('invite.exists', { org })}</Text>
        <Button component={Link} to="/login?returnTo=/invite">
          {t('common.signIn')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack>
      {!signedIn && <Text>{t('invite.existsJoin', { org })}</Text>}
      <ErrorAlert error={accept.error} />
      <Button onClick={() => accept.mutate()} loading={accept.isPending || accept.isSuccess}>
        {t('invite.join', { org })}
      </Button>
    </Stack>
  );
}
