import { useState } from 'react';
import { Button, Checkbox, Divider, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { startSignInInput, type SignInStep } from '../../../../contract/sign-in.ts';
import { signInApi, type Portal } from '../../api/sign-in.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { webauthn } from '../../lib/webauthn.ts';
import { rememberedEmail, setRememberedEmail } from './remembered-email.ts';

const emailStepForm = startSignInInput.pick({ email: true }).extend({ remember: z.boolean() });

type Props = {
  portal: Portal;
  returnTo?: string;
  /** The address typed before, when the person came back with Change. */
  initialEmail?: string;
  onSubmit(email: string): Promise<boolean>;
  onPasskey(run: () => Promise<SignInStep>): Promise<boolean>;
};

/** "Email" + "Remember me" + "Continue". Remember me keeps the address on this browser, never the password (remembered-email.ts). */
export function EmailStep({ portal, returnTo, initialEmail, onSubmit, onPasskey }: Props) {
  const { t } = useTranslation();
  const [remembered] = useState(() => rememberedEmail());
  const form = useAppForm(emailStepForm, { email: initialEmail ?? remembered, remember: remembered !== '' });
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async ({ email, remember }) => {
    const address = email.trim();
    setRememberedEmail(remember ? address : null);
    setBusy(true);
    await onSubmit(address);
    setBusy(false);
  });

  const passkey = () =>
    onPasskey(async () => {
      const options = await signInApi.passkeyOptions(portal, returnTo);
      return signInApi.passkey(await webauthn.authenticate(options));
    });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('common.email')}
          placeholder={t('login.emailPlaceholder')}
          type="email"
          autoComplete="username webauthn"
          required
          autoFocus
          {...form.getInputProps('email')}
        />
        <Checkbox label={t('login.rememberMe')} {...form.getInputProps('remember', { type: 'checkbox' })} />
        <Button type="submit" fullWidth loading={busy}>
          {t('common.continue')}
        </Button>
        <Divider label={<Text size="xs" c="gray.7">{t('login.or')}</Text>} labelPosition="center" />
        <Button variant="default" fullWidth onClick={passkey}>
          {t('login.passkey')}
        </Button>
      </Stack>
    </form>
  );
}
