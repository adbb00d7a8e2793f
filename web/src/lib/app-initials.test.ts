import { describe, expect, it } from 'vitest';
import { appInitials } from './app-initials.ts';

describe("an application's initials", () => {
  it('takes the first letters of the first two words, or two of a single word, upper-cased', () => {
    expect(appInitials('Team Wiki')).toBe('TW');
    expect(appInitials('Survey Tool')).toBe('ST');
    expect(appInitials('wiki')).toBe('WI');
    expect(appInitials('Expense Reports & Travel Booking')).toBe('ER');
    expect(appInitials('  Café-Équipe ')).toBe('CÉ');
    expect(appInitials('HR')).toBe('HR');
    expect(appInitials('')).toBe('');
  });
});
