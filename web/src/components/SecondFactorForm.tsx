import { useState, type ReactNode } from 'react';
import { Anchor, Button, Paper, PinInput, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MfaMethod } from '../../../contract/mfa.ts';

type Props = {
  methods: MfaMethod[];
  lastUsed?: MfaMethod | null;
  /** A line above the choice and the key button; omitted where the page title already says it. */
  heading?: string;
  /** Sends a code; false when it was refused (the field is cleared for another try). */
  onCode(method: 'totp' | 'recovery_code', code: string): Promise<boolean>;
  onSecurityKey(): Promise<boolean>;
  /** The person picks another method: what went wrong with the last one no longer applies. */
  onSwitch?(): void;
};

/**
 * "Verify Your Identity": the person's methods, the last one used first; an authenticator code,
 * a security key, or a recovery code. Used by User Login and by an application's step-up.
 */
export function SecondFactorForm({ methods, lastUsed, heading, onCode, onSecurityKey, onSwitch }: Props) {
  const { t } = useTranslation();
  const [method, pick] = useState<MfaMethod | undefined>(lastUsed ?? (methods.length === 2 ? methods[0] : undefined));
  const setMethod = (m: MfaMethod | undefined) => {
    onSwitch?.();
    pick(m);
  };
  const labels: Record<MfaMethod, string> = { totp: t('login.methodTotp'), webauthn: t('login.methodWebauthn'), recovery_code: t('login.methodRecovery') };
  const title = heading ? <Text fw={600}>{heading}</Text> : null;

  if (!method) {
    return (
      <Stack gap="sm">
        {title}
        <Text size="sm">{t('login.verifyHelp')}</Text>
        {methods.map((m) => (
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
    methods.length > 1 ? (
      <Anchor component="button" type="button" size="sm" onClick={() => setMethod(undefined)}>
        {t('login.otherMethod')}
      </Anchor>
    ) : null;
  if (method === 'webauthn') return <SecurityKeyButton title={title} back={back} onSecurityKey={onSecurityKey} />;
  return <CodeForm title={title} method={method} label={labels[method]} onCode={onCode} back={back} />;
}

function SecurityKeyButton({ title, back, onSecurityKey }: { title: ReactNode; back: ReactNode; onSecurityKey: Props['onSecurityKey'] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function useKey() {
    setBusy(true);
    await onSecurityKey();
    setBusy(false);
  }
  return (
    <Stack gap="md">
      {title}
      <Button fullWidth onClick={useKey} loading={busy} autoFocus>
        {t('login.useKey')}
      </Button>
      {back}
    </Stack>
  );
}

function CodeForm({ title, method, label, onCode, back }: { title: ReactNode; method: 'totp' | 'recovery_code'; label: string; onCode: Props['onCode']; back: ReactNode }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e?: React.FormEvent) {
    e?.preventDefault();
    setBusy(true);
    const ok = await onCode(method, code);
    setBusy(false);
    if (!ok) setCode('');
  }
  return (
    <Stack component="form" onSubmit={submit} gap="md">
      {title}
      <Text fw={600}>{label}</Text>
      {method === 'totp' ? (
        <>
          <Text size="sm">{t('login.codeHelp')}</Text>
          <Text component="label" htmlFor="totp-code-1" size="sm" fw={500}>
            {t('login.enterCode')}
          </Text>
          <PinInput id="totp-code" length={6} type="number" oneTimeCode value={code} onChange={setCode} ariaLabel={t('login.enterCode')} autoFocus />
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
