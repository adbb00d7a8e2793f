import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { adminKeys } from '../../api/admin.ts';
import { samlAppKeys, samlAppsApi } from '../../api/saml-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAppForm } from '../../forms/use-app-form.ts';
import { markServerFields } from './mark-server-fields.ts';
import { samlFormOf, samlFormSchema, samlUpdateBody, type SamlFormValues } from './saml-form.ts';
import { SamlAppFields } from './SamlAppFields.tsx';
import { SamlSettingsFields } from './SamlSettingsFields.tsx';

type Props = { app: SamlApp };

/** The settings of an existing service provider. */
export function SamlAppSettingsForm({ app }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useAppForm<SamlFormValues>(samlFormSchema, samlFormOf(app));
  const save = useMutation({
    mutationFn: (values: SamlFormValues) => samlAppsApi.update(app.id, samlUpdateBody(values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(samlAppKeys.detail(app.id), saved);
      form.setValues(samlFormOf(saved));
      form.resetDirty(samlFormOf(saved));
      notifications.show({ color: 'teal', message: t('common.saved'), closeButtonProps: { 'aria-label': t('common.close') } });
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps(), exact: true });
    },
    onError: (err) => markServerFields(form, err),
  });
  return (
    <Card withBorder component="section" aria-labelledby="saml-settings">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <Title order={2} size="h4" id="saml-settings">
            {t('adminApps.settings')}
          </Title>
          <ErrorAlert error={save.error} />
          <SamlAppFields form={form} />
          <SamlSettingsFields form={form} />
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
