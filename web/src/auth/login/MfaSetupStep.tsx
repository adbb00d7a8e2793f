import { useState } from 'react';
import { Button, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../../contract/sign-in.ts';
import { signInApi } from '../../api/sign-in.ts';
import { webauthn } from '../../lib/webauthn.ts';
import { TotpSetup } from '../../components/TotpSetup.tsx';

type Props = { step: Extract<SignInStep, { step: 'mfa_setup' }>; answer(call: () => Promise<SignInStep>): Promise<boolean> };

/** Required MFA: set up an authenticator app or a security key before the portal opens. */
export function MfaSetupStep({ step, answer }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<'totp' | 'webauthn' | undefined>(step.totp ? 'totp' : undefined);
  const [keyName, setKeyName] = useState(() => t('security.defaultKeyName'));

  if (choice === 'totp') {
    return (
      <TotpSetup
        enrollment={step.totp}
        onCancel={() => setChoice(undefined)}
        onStart={() => answer(() => signInApi.mfaSetup({ action: 'start_totp' }))}
        onConfirm={(code) => answer(() => signInApi.mfaSetup({ action: 'confirm_totp', code }))}
      />
    );
  }
  if (choice === 'webauthn') {
    const name = keyName.trim() || t('security.defaultKeyName');
    const register = () => answer(async () => signInApi.mfaSetup({ action: 'register_webauthn', name, response: await webauthn.register(await signInApi.webauthnOptions()) }));
    return (
      <Stack gap="md">
        <Text fw={600}>{t('login.methodWebauthn')}</Text>
        <TextInput label={t('security.keyName')} value={keyName} maxLength={100} onChange={(e) => setKeyName(e.currentTarget.value)} required />
        <Button onClick={register}>{t('security.registerKey')}</Button>
        <Button variant="subtle" onClick={() => setChoice(undefined)}>
          {t('common.back')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('login.setupTitle')}</Text>
      <Text size="sm">{t('login.setupHelp')}</Text>
      {step.methods.map((m) => (
        <UnstyledButton key={m} onClick={() => setChoice(m)} aria-label={m === 'totp' ? t('login.methodTotp') : t('login.methodWebauthn')}>
          <Paper withBorder p="md" radius="md">
            <Text fw={500}>{m === 'totp' ? t('login.methodTotp') : t('login.methodWebauthn')}</Text>
          </Paper>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
