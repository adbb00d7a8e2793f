import { Anchor, Button, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

type Props = { email: string; onRestart(): void };

/**
 * The account locked during a sign-in (too many wrong codes at "Verify Your Identity"): nothing more
 * can be answered, so no form; the locked message above says why, and these are the ways on —
 * Reset User Password (which unlocks it) or another account.
 */
export function LockedStep({ email, onRestart }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {/* In the router's state, not the URL: the address stays out of history and logs. */}
      <Button component={Link} to="/reset-password" state={{ email }} fullWidth>
        {t('login.resetPassword')}
      </Button>
      <Anchor component="button" type="button" size="sm" ta="center" onClick={onRestart}>
        {t('login.otherAccount')}
      </Anchor>
    </Stack>
  );
}
