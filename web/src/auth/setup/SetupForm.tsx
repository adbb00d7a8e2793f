import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { passwordPolicySchema } from '../../../../contract/password-policy.ts';
import { completeSetupInput } from '../../../../contract/setup.ts';
import { ApiError } from '../../api/client.ts';
import { setupApi, type CompleteSetupInput } from '../../api/setup.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { policyPassword, withConfirmation } from '../../forms/password-schemas.ts';
import { serverErrorAfterEdit } from '../../forms/server-fields.ts';
import { useAppForm } from '../../forms/use-app-form.ts';
import { sameOriginPath } from '../../../../contract/same-origin-path.ts';

// A brand-new organization starts with the default policy, so that is what the checklist shows.
const defaultPolicy = passwordPolicySchema.parse({});
const setupForm = withConfirmation(
  completeSetupInput.pick({ orgName: true, email: true, firstName: true, lastName: true }).extend({ password: policyPassword(defaultPolicy) }),
);

// A refusal of the password names no field path: editing the password clears it, editing another field does not.
const REFUSED_FIELD = { 'password.policy': 'password' };

type Props = { token: string; onDone(): void };

/** Organization name, the administrator's e-mail, name and password: Create organization signs them in. */
export function SetupForm({ token, onDone }: Props) {
  const { t } = useTranslation();
  // The server's refusal, as far as it still holds: what was said of a field goes once it is edited.
  const [error, setError] = useState<unknown>();
  const form = useAppForm(
    setupForm,
    { orgName: '', email: '', firstName: '', lastName: '', password: '', confirm: '' },
    { onFieldEdit: (path) => setError((e: unknown) => serverErrorAfterEdit(e, path, REFUSED_FIELD)) },
  );
  const create = useMutation({
    mutationFn: (input: CompleteSetupInput) => setupApi.complete(input),
    onMutate: () => setError(undefined),
    onError: (err) => setError(err),
    onSuccess: ({ redirectTo }) => {
      onDone();
      window.location.assign(sameOriginPath(redirectTo, '/admin'));
    },
  });

  const submit = form.onSubmit(({ orgName, email, firstName, lastName, password }) =>
    create.mutate({ token, orgName: orgName.trim(), email: email.trim(), firstName: firstName.trim() || undefined, lastName: lastName.trim() || undefined, password, language: currentLanguage() }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <Text size="sm">{t('setup.help')}</Text>
        <TextInput label={t('setup.orgName')} required autoFocus {...form.getInputProps('orgName')} />
        <TextInput label={t('setup.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <Group grow>
          <TextInput label={t('setup.firstName')} autoComplete="given-name" {...form.getInputProps('firstName')} />
          <TextInput label={t('setup.lastName')} autoComplete="family-name" {...form.getInputProps('lastName')} />
        </Group>
        <NewPasswordFields
          policy={defaultPolicy}
          label={t('common.password')}
          password={form.getInputProps('password')}
          confirm={form.getInputProps('confirm')}
          failedOnServer={error instanceof ApiError ? error.rules : undefined}
        />
        <Button type="submit" loading={create.isPending || create.isSuccess}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
