import { TEXT_MESSAGES } from '../../../contract/fields.ts';

/** The parts of a zod issue that decide which sentence a person sees. */
export type IssueLike = { code: string; input?: unknown; format?: string; message?: string };

/**
 * The i18n key (under `validation.`) for a failed field check. Zod's own messages are English and
 * technical, so the web app installs this as zod's error map and translates the key when it renders.
 */
export function validationKey(issue: IssueLike): string {
  const empty = issue.input === undefined || issue.input === null || (typeof issue.input === 'string' && issue.input.trim() === '');
  if (empty && (issue.code === 'too_small' || issue.code === 'invalid_type')) return 'validation.required';
  if (issue.code === 'too_small') return 'validation.tooShort';
  if (issue.code === 'too_big') return 'validation.tooLong';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'validation.email';
  return (issue.message && CONTRACT_MESSAGE_KEYS.get(issue.message)) ?? 'validation.invalid';
}

/** The contract's checks whose reason a person can act on: its English sentence → our key. */
const CONTRACT_MESSAGE_KEYS = new Map<string, string>([
  [TEXT_MESSAGES.notAllowed, 'validation.hiddenCharacters'],
  [TEXT_MESSAGES.hidden, 'validation.hiddenCharacters'],
  [TEXT_MESSAGES.oneLine, 'validation.oneLine'],
  [TEXT_MESSAGES.invisible, 'validation.invisibleCharacters'],
  [TEXT_MESSAGES.redirectUri, 'validation.redirectUri'],
  [TEXT_MESSAGES.httpsAddress, 'validation.httpsAddress'],
  [TEXT_MESSAGES.httpAddress, 'validation.httpAddress'],
  [TEXT_MESSAGES.noFragment, 'validation.noFragment'],
  [TEXT_MESSAGES.certificate, 'validation.certificate'],
  [TEXT_MESSAGES.role, 'validation.role'],
]);

/** Messages set by a schema itself are keys when the web wrote them, English sentences when the contract did. */
export function isValidationKey(message: unknown): message is string {
  return typeof message === 'string' && /^validation\.[A-Za-z]+$/.test(message);
}
