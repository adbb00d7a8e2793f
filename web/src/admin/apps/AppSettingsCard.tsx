import type { ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { useAppForm } from '../../forms/use-app-form.ts';
import { adminKeys } from '../../api/admin.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { markServerFields } from '../../forms/server-fields.ts';

type Props<V extends Record<string, unknown>, A> = {
  id: string;
  form: ReturnType<typeof useAppForm<V>>;
  detailKey: QueryKey;
  update(values: V): Promise<A>;
  /** The form's values from what the API read back after saving. */
  formOf(saved: A): V;
  children: ReactNode;
};

/**
 * The settings card of an existing application, whatever its protocol: saves through the API,
 * puts the read-back into the cache and the form, says "Saved", and marks server field errors.
 */
export function AppSettingsCard<V extends Record<string, unknown>, A>({ id, form, detailKey, update, formOf, children }: Props<V, A>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: update,
    onSuccess: async (saved) => {
      queryClient.setQueryData(detailKey, saved);
      form.setValues(formOf(saved));
      form.resetDirty(formOf(saved));
      notifications.show({ color: 'teal', message: t('common.saved') });
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps(), exact: true });
    },
    onError: (err) => markServerFields(form, err),
  });
  return (
    <form onSubmit={form.onSubmit((values: V) => save.mutate(values))} noValidate>
      <Section id={id} title={t('adminApps.settings')}>
        <ErrorAlert error={save.error} />
        {children}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Section>
    </form>
  );
}
