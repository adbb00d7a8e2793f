import { useState } from 'react';
import { Anchor, Button, PinInput, Stack, Text, TextInput, UnstyledButton, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../../contract/sign-in.ts';
import { signInApi } from '../../api/sign-in.ts';
import { webauthn } from '../../lib/webauthn.ts';

type Method = 'totp' | 'webauthn' | 'recovery_code';
type Props = { step: Extract<SignInStep, { step: 'verify_identity' }>; answer(call: () => Promise<SignInStep>): Promise<boolean> };

/** "Verify Your Identity": the person's methods, the last one used first. */
export function VerifyIdentityStep({ step, answer }: Props) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method | undefined>(step.lastUsed ?? (step.methods.length === 2 ? step.methods[0] : undefined));
  const labels: Record<Method, string> = { totp: t('login.methodTotp'), webauthn: t('login.methodWebauthn'), recovery_code: t('login.methodRecovery') };

  if (!method) {
    return (
      <Stack gap="sm">
        <Text fw={600}>{t('login.verifyTitle')}</Text>
        <Text size="sm">{t('login.verifyHelp')}</Text>
        {step.methods.map((m) => (
          <UnstyledButton key={m} onClick={() => setMethod(m)} aria-label={labels[m]}>
            <Paper withBorder p="md" radius="md">
              <Text fw={500}>{labels[m]}</Text>
            </Paper>
          </UnstyledButton>
        ))}
      </Stack>
    );
  }
  const back =
    step.methods.length > 1 ? (
      <Anchor component="button" type="button" size="sm" onClick={() => setMethod(undefined)}>
        {t('login.otherMethod')}
      </Anchor>
    ) : null;
  if (method === 'webauthn') {
    const useKey = () => answer(async () => signInApi.verify({ method: 'webauthn', response: await webauthn.authenticate(await signInApi.webauthnOptions()) }));
    return (
      <Stack gap="md">
        <Text fw={600}>{t('login.verifyTitle')}</Text>
        <Button fullWidth onClick={useKey} autoFocus>
          {t('login.useKey')}
        </Button>
        {back}
      </Stack>
    );
  }
  return <CodeForm method={method} label={labels[method]} answer={answer} back={back} />;
}

function CodeForm({ method, label, answer, back }: { method: 'totp' | 'recovery_code'; label: string; answer: Props['answer']; back: React.ReactNode }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e?: React.FormEvent) {
    e?.preventDefault();
    setBusy(true);
    const ok = await answer(() => signInApi.verify({ method, code }));
    setBusy(false);
    if (!ok) setCode('');
  }
  return (
    <Stack component="form" onSubmit={submit} gap="md">
      <Text fw={600}>{label}</Text>
      {method === 'totp' ? (
        <>
          <Text size="sm">{t('login.codeHelp')}</Text>
          <Text component="label" htmlFor="totp-code-1" size="sm" fw={500}>
            {t('login.enterCode')}
          </Text>
          <PinInput id="totp-code" length={6} type="number" oneTimeCode value={code} onChange={setCode} ariaLabel={t("login.enterCode")} autoFocus />
        </>
      ) : (
        <>
          <Text size="sm">{t('login.recoveryHelp')}</Text>
          <TextInput label={t('login.recoveryCode')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="off" required autoFocus />
        </>
      )}
      <Button type="submit" fullWidth loading={busy} disabled={method === 'totp' && code.length !== 6}>
        {t('login.submit')}
      </Button>
      {back}
    </Stack>
  );
}
