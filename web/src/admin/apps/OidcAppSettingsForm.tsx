import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { OidcApp } from '../../../../contract/oidc-apps.ts';
import { adminKeys } from '../../api/admin.ts';
import { oidcAppKeys, oidcAppsApi } from '../../api/oidc-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';
import { markServerFields } from './mark-server-fields.ts';
import { oidcFormOf, oidcFormSchema, oidcUpdateBody, type OidcFormValues } from './oidc-form.ts';
import { OidcSettingsFields } from './OidcSettingsFields.tsx';

type Props = { app: OidcApp };

/** The settings of an existing application: redirect URIs, grants, consent, "Require MFA"… */
export function OidcAppSettingsForm({ app }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useAppForm<OidcFormValues>(oidcFormSchema, oidcFormOf(app));
  const save = useMutation({
    mutationFn: (values: OidcFormValues) => oidcAppsApi.update(app.id, oidcUpdateBody(values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(oidcAppKeys.detail(app.id), saved);
      form.resetDirty(oidcFormOf(saved));
      notifications.show({ color: 'teal', message: t('common.saved'), closeButtonProps: { 'aria-label': t('common.close') } });
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps(), exact: true });
    },
    onError: (err) => markServerFields(form, err),
  });
  return (
    <Card withBorder component="section" aria-labelledby="oidc-settings">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
        <Title order={2} size="h4" id="oidc-settings">
          {t('adminApps.settings')}
        </Title>
        <ErrorAlert error={save.error} />
        <TextInput label={t('adminApps.name')} required {...form.getInputProps('name')} />
        <OidcSettingsFields form={form} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
        </Stack>
      </form>
    </Card>
  );
}
