import { useTranslation } from 'react-i18next';
import { AuthCard } from '../../components/AuthCard.tsx';
import { useLinkToken } from '../../lib/use-link-token.ts';
import { RequestResetLink } from './RequestResetLink.tsx';
import { ChooseNewPassword } from './ChooseNewPassword.tsx';

const RESET_TOKEN_STORAGE = 'tessera.resetToken';

/** Reset User Password: ask for a link, or — arriving from the link — choose the new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useLinkToken(RESET_TOKEN_STORAGE);
  return (
    <AuthCard title={t('reset.title')} corner={{ to: '/login', label: t('login.title') }}>
      {token ? <ChooseNewPassword key={token} token={token} storageKey={RESET_TOKEN_STORAGE} /> : <RequestResetLink />}
    </AuthCard>
  );
}
