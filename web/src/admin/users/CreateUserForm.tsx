import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../../contract/password-policy.ts';
import { adminKeys, adminQueries } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import { membersApi } from '../../api/members.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { Section } from '../../components/Section.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';
import { createUserFormSchema, emptyCreateUser, toCreateUserInput, type CreateUserValues } from './create-user-form.ts';

/** "Create a user": the account at once (with a password meeting the policy, or none yet), or an invitation when the address already has one. */
export function CreateUserForm() {
  const { t } = useTranslation();
  const policies = useQuery(adminQueries.policies());
  return (
    <Section id="create-user" title={t('adminCreateUser.title')}>
      {policies.isPending ? <Skeleton h={120} /> : policies.isError ? <ErrorAlert error={policies.error} /> : <CreateUserFields policy={policies.data.password} />}
    </Section>
  );
}

function CreateUserFields({ policy }: { policy: PasswordPolicy }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const schema = useMemo(() => createUserFormSchema(policy), [policy]);
  const form = useAppForm<CreateUserValues>(schema, emptyCreateUser);
  // Kept until the next submission: an invitation instead of an account must not fade away unread.
  const [invited, setInvited] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (values: CreateUserValues) => membersApi.create(toCreateUserInput(values)),
    onMutate: () => setInvited(undefined),
    onSuccess: async (outcome, values) => {
      form.reset();
      if (outcome.kind === 'invited') setInvited(values.email.trim());
      else notifications.show({ color: 'teal', message: t('adminCreateUser.created', { email: values.email.trim() }), closeButtonProps: { 'aria-label': t('common.close') } });
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const serverRules = create.error instanceof ApiError && create.error.code === 'password.policy' ? create.error.rules : undefined;
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack>
        <ErrorAlert error={create.error} />
        {invited && (
          <Alert color="blue" variant="light" role="status" title={t('adminCreateUser.invitedTitle')} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setInvited(undefined)}>
            {t('adminCreateUser.invited', { email: invited })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <TextInput label={t('common.email')} type="email" required {...form.getInputProps('email')} />
          <TextInput label={t('setup.firstName')} {...form.getInputProps('firstName')} />
          <TextInput label={t('setup.lastName')} {...form.getInputProps('lastName')} />
          <TextInput label={t('adminCreateUser.username')} {...form.getInputProps('username')} />
        </SimpleGrid>
        <Select
          label={t('adminUsers.role')}
          w={240}
          allowDeselect={false}
          data={[{ value: 'member', label: t('adminUsers.member') }, { value: 'admin', label: t('adminUsers.admin') }]}
          {...form.getInputProps('role')}
        />
        <Checkbox label={t('adminCreateUser.setPassword')} {...form.getInputProps('setPassword', { type: 'checkbox' })} />
        {form.values.setPassword ? (
          <NewPasswordFields policy={policy} label={t('common.password')} password={form.getInputProps('password')} failedOnServer={serverRules} owner="member" />
        ) : (
          <Text size="sm" c="dimmed">{t('adminCreateUser.noPassword')}</Text>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>{t('adminCreateUser.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
