/** Profile fields with a format of their own, and the i18n key of the hint that says it. */
const HINTS: Record<string, string> = { username: 'username', workCell: 'phone', workPhone: 'phone', workFax: 'phone', personalCell: 'phone', homePhone: 'phone', zipCode: 'postalCode' };

export const profileFieldHint = (name: string): string | undefined => (HINTS[name] ? `profile.hint.${HINTS[name]}` : undefined);
