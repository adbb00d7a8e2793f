import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthCard } from '../../components/AuthCard.tsx';
import { takeLinkToken } from '../../lib/fragment-token.ts';
import { RequestResetLink } from './RequestResetLink.tsx';
import { ChooseNewPassword } from './ChooseNewPassword.tsx';

const RESET_TOKEN_STORAGE = 'tessera.resetToken';

/** Reset User Password: ask for a link, or — arriving from the link — choose the new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useMemo(() => takeLinkToken(RESET_TOKEN_STORAGE), []);
  return (
    <AuthCard title={t('reset.title')} corner={{ to: '/login', label: t('login.title') }}>
      {token ? <ChooseNewPassword token={token} storageKey={RESET_TOKEN_STORAGE} /> : <RequestResetLink />}
    </AuthCard>
  );
}
