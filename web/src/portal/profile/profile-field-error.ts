import type { TFunction } from 'i18next';
import type { ProfileSection } from '../../../../contract/profile.ts';
import { ApiError } from '../../api/client.ts';
import { serverFieldError } from '../../forms/server-fields.ts';
import { profileFieldHint } from './field-hints.ts';
import { profileFieldMaxLength } from './field-limits.ts';

/**
 * What a profile field says of the server's refusal of it: the limit it passed ("At most 100
 * characters."), the format it takes, else the check that failed; undefined if it was not refused.
 * `path` is where the request held the field: `employment.jobTitle` when an administrator saves it.
 */
export function profileFieldError(error: unknown, section: ProfileSection, name: string, t: TFunction, path = name): string | undefined {
  const max = profileFieldMaxLength(section, name);
  if (max && error instanceof ApiError && error.fields?.some((f) => f.path === path && f.check === 'too_big')) return t('validation.tooLongMax', { max });
  // A format the field explains ("letters, digits, dot…") reads better than "not valid".
  return serverFieldError(error, path, t, profileFieldHint(name));
}
