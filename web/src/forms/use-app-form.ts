import type { ReactNode } from 'react';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isValidationKey, validationKey } from './validation-key.ts';
import { afterPaint, focusFirstInvalid } from './focus-first-invalid.ts';

type Options<Values> = {
  /** After every edit, e.g. to forget a server refusal about the value just changed. */
  onValuesChange?(values: Values, previous: Values): void;
  /** After every edit, once per field it changed: what `serverErrorAfterEdit` takes. */
  onFieldEdit?(path: keyof Values & string): void;
};

/**
 * Mantine's useForm validated by a zod schema, with field errors in the reader's language: the
 * resolver yields `validation.*` keys (an English contract message becomes its key, or the generic one), and
 * getInputProps hands the inputs the translated sentence. A refused submit focuses the first marked field.
 */
export function useAppForm<Values extends Record<string, unknown>>(schema: z.ZodType, initialValues: Values, options: Options<Values> = {}) {
  const { t } = useTranslation();
  const resolve = zod4Resolver(schema);
  const form = useForm<Values>({
    initialValues,
    onValuesChange: (values, previous) => {
      options.onValuesChange?.(values, previous);
      if (options.onFieldEdit) for (const path of Object.keys(values)) if (values[path] !== previous[path]) options.onFieldEdit(path);
    },
    validate: (values) => {
      const errors = resolve(values);
      for (const path of Object.keys(errors)) if (!isValidationKey(errors[path])) errors[path] = validationKey({ code: 'custom', message: String(errors[path]) });
      return errors;
    },
    enhanceGetInputProps: ({ inputProps }) => ({ error: translateError(inputProps.error, t) }),
  });
  // A submit the browser-side checks refuse goes to the first field they marked.
  const onSubmit: typeof form.onSubmit = (handler, onInvalid) =>
    form.onSubmit(handler, (errors, values, event) => {
      const target = event?.currentTarget as Element | undefined;
      afterPaint(() => focusFirstInvalid(target));
      onInvalid?.(errors, values, event);
    });
  return { ...form, onSubmit };
}

function translateError(error: unknown, t: (key: string) => string): ReactNode {
  if (isValidationKey(error)) return t(error);
  return error as ReactNode;
}
