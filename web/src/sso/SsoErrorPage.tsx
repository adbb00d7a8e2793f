import { Button, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthCard } from '../components/AuthCard.tsx';
import { errorText } from '../i18n/index.ts';

/**
 * Where a browser lands when an application's sign-in or logout request is refused (an expired or
 * replayed request, an unknown application): the reason in the reader's language, and a way on.
 * The code comes from the address: only a sentence the catalog has for it is ever shown.
 */
export function SsoErrorPage() {
  const [params] = useSearchParams();
  return <SsoErrorCard code={params.get('code') ?? undefined} />;
}

/** "This sign-in request cannot continue", also shown by the SSO pages whose request is gone. */
export function SsoErrorCard({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  // A malformed address (a link cut short or mangled) is no form with fields to highlight.
  const reason = code === 'request.invalid' ? t('sso.badLink') : errorText(code);
  const known = reason !== errorText(undefined);
  return (
    <AuthCard title={t('sso.errorTitle')}>
      <Stack gap="md">
        <Text data-testid="sso-error">{known ? reason : t('sso.errorHelp')}</Text>
        {/* The known reasons say what to do already; what is left is who to tell. */}
        {known && <Text size="sm" c="dimmed">{t('sso.errorAdvice')}</Text>}
        <Button component={Link} to="/">
          {t('sso.backToPortal')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
