import { useState } from 'react';
import { Button, Code, Group, Image, PinInput, Stack, Stepper, Text, CopyButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TotpEnrollment } from '../../../contract/mfa.ts';

type Props = {
  enrollment?: TotpEnrollment;
  onStart(): Promise<unknown>;
  onConfirm(code: string): Promise<boolean>;
  onCancel?(): void;
  /** false inside a dialog, whose own title says it. */
  titled?: boolean;
};

/** "Set Up Verification Code (TOTP)" in the reference's three steps: app, account, verification. */
export function TotpSetup({ enrollment, onStart, onConfirm, onCancel, titled = true }: Props) {
  const { t } = useTranslation();
  const [active, setActive] = useState(enrollment ? 1 : 0);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  async function haveApp() {
    setBusy(true);
    await onStart();
    setBusy(false);
    setActive(1);
  }
  async function submit(e?: React.FormEvent) {
    e?.preventDefault();
    setBusy(true);
    const ok = await onConfirm(code);
    setBusy(false);
    if (!ok) setCode('');
  }

  return (
    <Stack gap="md">
      {titled && <Text fw={600}>{t('totp.title')}</Text>}
      <Stepper active={active} orientation="vertical" size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('totp.step1')}>
          <Stack gap="sm">
            <Text size="sm">{t('totp.step1Help')}</Text>
            <Group>
              {onCancel && (
                <Button variant="default" onClick={onCancel}>
                  {t('common.back')}
                </Button>
              )}
              <Button onClick={haveApp} loading={busy}>
                {t('totp.haveApp')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('totp.step2')}>
          {enrollment && (
            <Stack gap="sm" component="form" onSubmit={submit}>
              <Text size="sm">{t('totp.step2Help')}</Text>
              <Image src={`data:image/svg+xml;base64,${btoa(enrollment.qrSvg)}`} alt={t('totp.qrAlt')} w={180} h={180} />
              <Group gap="xs">
                <Text size="sm">{t('totp.keyLabel')}</Text>
                <Code data-testid="totp-secret">{enrollment.secret}</Code>
                <CopyButton value={enrollment.secret}>{({ copied, copy }) => <Button size="compact-xs" variant="subtle" onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</Button>}</CopyButton>
              </Group>
              <Text fw={500} size="sm" mt="sm">
                {t('totp.step3')}
              </Text>
              <Text size="sm">{t('totp.step3Help', { account: enrollment.account })}</Text>
              <Text component="label" htmlFor="totp-setup-code-1" size="sm" fw={500}>
                {t('login.enterCode')}
              </Text>
              <PinInput id="totp-setup-code" length={6} type="number" oneTimeCode value={code} onChange={setCode} ariaLabel={t("login.enterCode")} />
              <Group>
                <Button type="submit" loading={busy} disabled={code.length !== 6}>
                  {t('login.submit')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}
