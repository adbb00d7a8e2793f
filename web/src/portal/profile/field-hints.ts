import type { ProfileSection } from '../../../../contract/profile.ts';

/** Profile fields with a format of their own, and the i18n key of the hint that says it. */
const HINTS: Record<string, string> = { username: 'username', workCell: 'phone', workPhone: 'phone', workFax: 'phone', personalCell: 'phone', homePhone: 'phone', zipCode: 'postalCode' };

export const profileFieldHint = (name: string): string | undefined => (HINTS[name] ? `profile.hint.${HINTS[name]}` : undefined);

/** The i18n key of a profile field's label: the one street of each section says whose it is, as the reference's labels do. */
export function profileFieldLabel(section: ProfileSection, name: string): string {
  if (name === 'street') return section === 'employment' ? 'profile.field.workStreet' : 'profile.field.homeStreet';
  return `profile.field.${name}`;
}

/** Text written in any script: dir="auto" aligns a right-to-left name or address to the right. */
const WRITTEN = new Set(['firstName', 'lastName', 'street', 'poBox', 'city', 'state', 'country', 'jobTitle', 'department', 'manager']);

/**
 * A profile field's `attributes` for Mantine's TextInput: dir="auto" on the input itself where it holds
 * words (Mantine puts a `dir` prop on its wrapper, which has no text to go by).
 */
export const profileInputAttributes = (name: string) => (WRITTEN.has(name) ? { input: { dir: 'auto' } } : undefined);
