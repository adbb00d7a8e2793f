import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatReminderDays, parseReminderDays } from './reminder-days.ts';

type Props = { value: number[]; onChange(days: number[]): void; onValidityChange(valid: boolean): void };

/** Days before a password expires when its owner is mailed a reminder, typed as "14, 7, 1". */
export function ReminderDaysField({ value, onChange, onValidityChange }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => formatReminderDays(value));
  const [invalid, setInvalid] = useState(false);
  function change(next: string) {
    setText(next);
    const days = parseReminderDays(next);
    setInvalid(days === undefined);
    onValidityChange(days !== undefined);
    if (days) onChange(days);
  }
  return (
    <TextInput
      label={t('adminPolicies.password.reminderDays')}
      description={t('adminPolicies.reminderDaysHelp')}
      inputMode="numeric"
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={() => !invalid && setText(formatReminderDays(parseReminderDays(text) ?? value))}
      error={invalid ? t('adminPolicies.reminderDaysInvalid') : undefined}
    />
  );
}
