import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
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
  /** A change that loses something asks first: its warning, or undefined when saving can go ahead. */
  confirm?(values: V): { title: string; text: string; action: string } | undefined;
  children: ReactNode;
};

/**
 * The settings card of an existing application, whatever its protocol: saves through the API,
 * puts the read-back into the cache and the form, says "Saved", and marks server field errors.
 */
export function AppSettingsCard<V extends Record<string, unknown>, A>({ id, form, detailKey, update, formOf, confirm, children }: Props<V, A>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<{ values: V; warning: NonNullable<ReturnType<NonNullable<Props<V, A>['confirm']>>> }>();
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
    onSettled: () => setPending(undefined),
  });
  const submit = (values: V) => {
    const warning = confirm?.(values);
    if (warning) setPending({ values, warning });
    else save.mutate(values);
  };
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Section id={id} title={t('adminApps.settings')}>
        <ErrorAlert error={save.error} />
        {children}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Section>
      <Modal opened={!!pending} onClose={() => setPending(undefined)} title={pending?.warning.title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{pending?.warning.text}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(undefined)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={save.isPending} onClick={() => pending && save.mutate(pending.values)}>
              {pending?.warning.action}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
