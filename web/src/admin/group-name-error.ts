import type { TFunction } from 'i18next';
import { createGroupInput } from '../../../contract/apps.ts';
import { ApiError } from '../api/client.ts';
import { serverFieldError } from '../forms/server-fields.ts';

const MAX = createGroupInput.shape.name.maxLength ?? undefined;

/** What a group's name field says of the server's refusal of it: the limit it passed ("At most 100 characters."), else the check that failed. */
export function groupNameError(error: unknown, t: TFunction): string | undefined {
  if (MAX && error instanceof ApiError && error.fields?.some((f) => f.path === 'name' && f.check === 'too_big')) return t('validation.tooLongMax', { max: MAX });
  return serverFieldError(error, 'name', t);
}
