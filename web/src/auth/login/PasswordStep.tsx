import { useRef, useState } from 'react';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAppForm } from '../../forms/use-app-form.ts';
import { PasswordField } from '../../components/PasswordField.tsx';

// Only "not empty" here: the server says whether the password is right (and bounds its size).
const passwordStepForm = z.object({ password: z.string().min(1) });

type Props = { email: string; onChange(): void; onSubmit(password: string): Promise<boolean> };

/** The e-mail with a Change link, the Password, Login, and Reset User Password. */
export function PasswordStep({ email, onChange, onSubmit }: Props) {
  const { t } = useTranslation();
  const form = useAppForm(passwordStepForm, { password: '' });
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async ({ password }) => {
    setBusy(true);
    const ok = await onSubmit(password);
    setBusy(false);
    if (!ok) {
      // A refused password is cleared and the field ready for the next try.
      form.setFieldValue('password', '');
      input.current?.focus();
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500} truncate>
            {email}
          </Text>
          <Anchor component="button" type="button" size="sm" onClick={onChange}>
            {t('login.change')}
          </Anchor>
        </Group>
        <PasswordField
          ref={input}
          label={t('common.password')}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          required
          autoFocus
          {...form.getInputProps('password')}
        />
        <Button type="submit" fullWidth loading={busy}>
          {t('login.login')}
        </Button>
        {/* In the router's state, not the URL: the address stays out of history and logs. */}
        <Anchor component={Link} to="/reset-password" state={{ email }} size="sm" ta="center">
          {t('login.resetPassword')}
        </Anchor>
      </Stack>
    </form>
  );
}
