import { useMemo, useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { newPasswordSchema } from '../../forms/password-schemas.ts';
import { useAppForm } from '../../forms/use-app-form.ts';

type Props = {
  step: { reason: 'expired' | 'required'; policy: PasswordPolicy };
  serverRules?: string[];
  onSubmit(password: string): Promise<boolean>;
  /** After the person edits a field, so that what the server said of it goes. */
  onFieldEdit(path: 'password' | 'confirm'): void;
};

/** An expired or administrator-required password is replaced before the portal opens. */
export function NewPasswordStep({ step, serverRules, onSubmit, onFieldEdit }: Props) {
  const { t } = useTranslation();
  const schema = useMemo(() => newPasswordSchema(step.policy), [step.policy]);
  const form = useAppForm(schema, { password: '', confirm: '' }, { onFieldEdit });
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async ({ password }) => {
    setBusy(true);
    await onSubmit(password);
    setBusy(false);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fw={600}>{t('login.newPasswordTitle')}</Text>
        <Text size="sm">{step.reason === 'expired' ? t('login.expired') : t('login.required')}</Text>
        <NewPasswordFields policy={step.policy} password={form.getInputProps('password')} confirm={form.getInputProps('confirm')} failedOnServer={serverRules} autoFocus />
        <Button type="submit" fullWidth loading={busy}>
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
}
