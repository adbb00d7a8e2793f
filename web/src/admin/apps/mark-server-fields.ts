import { ApiError } from '../../api/client.ts';

/**
 * A 400 from the server names the fields it refused (`redirectUris.1`); they are marked on the
 * form like the ones checked in the browser, with the generic sentence (the server's is English).
 */
export function markServerFields(form: { setErrors(errors: Record<string, string>): void }, error: unknown): void {
  if (!(error instanceof ApiError) || !error.fields?.length) return;
  form.setErrors(Object.fromEntries(error.fields.filter((f) => f.path).map((f) => [f.path, 'validation.invalid'])));
}
