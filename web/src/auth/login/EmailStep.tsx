import { useState } from 'react';
import { Button, Checkbox, Divider, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../../contract/sign-in.ts';
import { signInApi, type Portal } from '../../api/sign-in.ts';
import { webauthn } from '../../lib/webauthn.ts';

const REMEMBERED = 'tessera.rememberedEmail';

type Props = {
  portal: Portal;
  returnTo?: string;
  onSubmit(email: string): Promise<boolean>;
  onPasskey(run: () => Promise<SignInStep>): Promise<boolean>;
};

/** "Email" + "Remember me" + "Continue". Remember me keeps the address on this browser, never the password. */
export function EmailStep({ portal, returnTo, onSubmit, onPasskey }: Props) {
  const { t } = useTranslation();
  const remembered = localStorage.getItem(REMEMBERED) ?? '';
  const [email, setEmail] = useState(remembered);
  const [remember, setRemember] = useState(remembered !== '');
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (remember) localStorage.setItem(REMEMBERED, email.trim());
    else localStorage.removeItem(REMEMBERED);
    setBusy(true);
    await onSubmit(email);
    setBusy(false);
  }

  const passkey = () =>
    onPasskey(async () => {
      const options = await signInApi.passkeyOptions(portal, returnTo);
      return signInApi.passkey(await webauthn.authenticate(options));
    });

  return (
    <Stack component="form" onSubmit={submit} gap="md">
      <TextInput label={t('common.email')} placeholder={t('login.emailPlaceholder')} type="email" autoComplete="username webauthn" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus autoFocus />
      <Checkbox label={t('login.rememberMe')} checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
      <Button type="submit" fullWidth loading={busy}>
        {t('common.continue')}
      </Button>
      <Divider label={<Text size="xs" c="gray.7">{t('login.or')}</Text>} labelPosition="center" />
      <Button variant="default" fullWidth onClick={passkey}>
        {t('login.passkey')}
      </Button>
    </Stack>
  );
}
