import { passwordPolicySchema } from '../../../../contract/password-policy.ts';

const reminderDaysSchema = passwordPolicySchema.shape.reminderDays.unwrap();

/**
 * "14, 7, 1" → [14, 7, 1]: whole days, largest first, each once; undefined when the text is not
 * what the policy accepts (the contract's own bounds). An empty box means no early reminders.
 */
export function parseReminderDays(text: string): number[] | undefined {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  return reminderDaysSchema.safeParse(days).success ? days : undefined;
}

export const formatReminderDays = (days: number[]) => days.join(', ');
