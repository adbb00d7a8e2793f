import { useEffect, useRef } from 'react';
import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { describeError } from './describe-error.ts';
import { afterPaint, focusFirstInvalid } from '../forms/focus-first-invalid.ts';

type Props = { error: unknown };

/** Back to this very page once signed in again; the mark makes User Login ask although a session exists. */
function signInAgainHref(): string {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  const login = window.location.pathname.startsWith('/admin') ? '/admin/login' : '/login';
  return `${login}?returnTo=${encodeURIComponent(here)}&reauth=1`;
}

/**
 * One way to show a failed request: the text for its code, announced to screen readers, and brought
 * where the person is looking — the first field it marks gets the focus, else the alert scrolls into view.
 */
export function ErrorAlert({ error }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error) return;
    afterPaint(() => {
      const alert = ref.current;
      if (alert && !focusFirstInvalid(alert.closest('form'))) alert.scrollIntoView({ block: 'nearest' });
    });
  }, [error]);
  if (!error) return null;
  const { text, detail } = describeError(error);
  // A change that needs a fresh sign-in says so, and offers it: the reader has no other way to get one.
  const reauth = error instanceof ApiError && error.code === 'auth.reauthenticate';
  return (
    <Alert ref={ref} color="red" role="alert" variant="light">
      {text}
      {detail && (
        <Text size="sm" mt={4} data-testid="error-detail">
          {detail}
        </Text>
      )}
      {reauth && (
        <Text size="sm" mt={4}>
          <Anchor href={signInAgainHref()}>{t('common.signInAgain')}</Anchor>
        </Text>
      )}
    </Alert>
  );
}
