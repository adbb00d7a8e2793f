import { ApiError } from '../api/client.ts';
import { validationKey } from './validation-key.ts';

/**
 * A 400 from the server names the fields it refused (`redirectUris.1`) and which check failed;
 * they are marked on the form like the ones checked in the browser, in the reader's language
 * (the server's message is English).
 */
export function markServerFields(form: { setErrors(errors: Record<string, string>): void }, error: unknown): void {
  if (!(error instanceof ApiError) || !error.fields?.length) return;
  form.setErrors(Object.fromEntries(error.fields.filter((f) => f.path).map((f) => [f.path, serverFieldKey(f)])));
}

/** The `validation.*` key for a field the server refused; input it did not send back, so "required" reads as too short. */
export const serverFieldKey = (f: { check?: string; message?: string }) => validationKey({ code: f.check ?? 'custom', input: 'x', message: f.message });

/**
 * For forms kept in plain state: the sentence for `path` when the server refused it, else
 * undefined. `hint` (an i18n key) explains a format the field takes, for a value of the wrong form.
 */
export function serverFieldError(error: unknown, path: string, t: (key: string) => string, hint?: string): string | undefined {
  const refused = error instanceof ApiError ? error.fields?.find((f) => f.path === path) : undefined;
  if (!refused) return undefined;
  return t(hint && refused.check !== 'too_big' && refused.check !== 'too_small' ? hint : serverFieldKey(refused));
}

/**
 * What is left of a server refusal once the person edits `path`, so that no sentence stays about a
 * value no longer there: the marks of the other fields it refused, else nothing. `about` names the
 * field a code without field paths is about (`password.current_invalid` → `current`): only an edit
 * of that field clears it. Any other refusal goes at the first edit.
 */
export function serverErrorAfterEdit(error: unknown, path: string, about: Record<string, string> = {}): unknown {
  if (!(error instanceof ApiError)) return undefined;
  const field = about[error.code];
  if (field) return field === path ? undefined : error;
  if (!error.fields?.length) return undefined;
  const rest = error.fields.filter((f) => f.path !== path);
  if (rest.length === error.fields.length) return error;
  return rest.length ? new ApiError(error.status, { code: error.code, message: error.message, rules: error.rules, fields: rest }) : undefined;
}
