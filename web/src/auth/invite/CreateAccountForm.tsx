import { useMemo } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { invitationApi, type InvitationInfo } from '../../api/invitations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { policyPassword } from '../../forms/password-schemas.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { sameOriginPath } from '../../../../contract/same-origin-path.ts';

type Props = { token: string; info: InvitationInfo; onCreated(): void };

/** The JMap-style account creation: the invited e-mail (fixed), a password meeting the listed requirements, Continue. */
export function CreateAccountForm({ token, info, onCreated }: Props) {
  const { t } = useTranslation();
  const schema = useMemo(() => z.object({ password: policyPassword(info.policy) }), [info.policy]);
  const accept = useMutation({
    // The page's language becomes the new account's: its e-mails follow it.
    mutationFn: (password: string) => invitationApi.accept(token, password, currentLanguage()),
    onSuccess: ({ redirectTo }) => {
      onCreated();
      window.location.assign(sameOriginPath(redirectTo));
    },
  });
  // The server's refusal was about the password as it was: once edited, it no longer holds.
  const form = useAppForm(schema, { password: '' }, { onValuesChange: () => accept.reset() });

  return (
    <form onSubmit={form.onSubmit(({ password }) => accept.mutate(password))} noValidate>
      <Stack>
        <ErrorAlert error={accept.error} />
        <Text size="sm">{t('invite.createHelp')}</Text>
        <TextInput label={t('common.email')} value={info.email} readOnly disabled />
        <NewPasswordFields
          policy={info.policy}
          label={t('common.password')}
          password={form.getInputProps('password')}
          failedOnServer={accept.error instanceof ApiError ? accept.error.rules : undefined}
          autoFocus
        />
        <Button type="submit" loading={accept.isPending || accept.isSuccess}>
          {t('common.continue')}
        </Button>
        <Anchor component={Link} to="/login?returnTo=/invite" size="sm" ta="center">
          {t('invite.haveAccount')}
        </Anchor>
      </Stack>
    </form>
  );
}
