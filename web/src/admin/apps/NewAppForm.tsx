import { useRef, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack } from '@mantine/core';
import { adminKeys } from '../../api/admin.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { useAppForm } from '../../forms/use-app-form.ts';
import { markServerFields } from '../../forms/server-fields.ts';
import { describeError } from '../../components/describe-error.ts';
import { afterPaint, focusFirstInvalid } from '../../forms/focus-first-invalid.ts';

type Props<V extends Record<string, unknown>, A> = {
  form: ReturnType<typeof useAppForm<V>>;
  /** The values the form starts again from once an application is created. */
  empty: V;
  create(values: V): Promise<A>;
  onCreated(app: A): void;
  submitLabel: string;
  children: ReactNode;
  /** The field a refusal with no field path is about (unreadable metadata → the metadata field): said there, not above the form. */
  refusedField?(error: unknown, values: V): (keyof V & string) | undefined;
};

/**
 * The form that creates an application, whatever its protocol: sends it, empties itself, refreshes
 * the list, marks server field errors, and hands the created application on (to show what it needs).
 */
export function NewAppForm<V extends Record<string, unknown>, A>({ form, empty, create, onCreated, submitLabel, children, refusedField }: Props<V, A>) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: create,
    onSuccess: async (app) => {
      onCreated(app);
      form.setValues(empty);
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: adminKeys.apps() });
    },
    onError: (err, values) => {
      markServerFields(form, err);
      const path = refusedField?.(err, values);
      if (!path) return;
      const { text, detail } = describeError(err);
      form.setFieldError(path, detail ? `${text} ${detail}` : text);
      afterPaint(() => focusFirstInvalid(formRef.current));
    },
  });
  const saidAtField = mutation.error && mutation.variables && refusedField?.(mutation.error, mutation.variables);
  return (
    <form ref={formRef} onSubmit={form.onSubmit((values: V) => mutation.mutate(values))} noValidate>
      <Stack>
        <ErrorAlert error={saidAtField ? undefined : mutation.error} />
        {children}
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
