import { describe, expect, it } from 'vitest';
import { formatReminderDays, parseReminderDays } from './reminder-days.ts';

describe('password expiry reminder days', () => {
  it('reads a list as an administrator types it: largest first, each day once', () => {
    expect(parseReminderDays('14, 7, 1')).toEqual([14, 7, 1]);
    expect(parseReminderDays(' 1,7 ;30 7 ')).toEqual([30, 7, 1]);
    expect(parseReminderDays('')).toEqual([]);
  });

  it('refuses what the policy would refuse', () => {
    for (const bad of ['0', '366', '7, soon', '1.5', '-3', '1,2,3,4,5,6,7,8,9,10,11']) expect(parseReminderDays(bad), bad).toBeUndefined();
  });

  it('writes the stored list back the same way', () => {
    expect(formatReminderDays([14, 7, 1])).toBe('14, 7, 1');
    expect(parseReminderDays(formatReminderDays([60, 30, 2]))).toEqual([60, 30, 2]);
  });
});
