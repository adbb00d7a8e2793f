import { describe, expect, it } from 'vitest';
import { profileDetailsInput } from '../../../../contract/profile.ts';
import { profileFieldMaxLength } from './field-limits.ts';

describe('profileFieldMaxLength', () => {
  it("reads a field's limit from the contract", () => {
    expect(profileFieldMaxLength('details', 'firstName')).toBe(100);
    expect(profileFieldMaxLength('personal', 'street')).toBe(200);
    expect(profileFieldMaxLength('personal', 'zipCode')).toBe(12);
  });

  it('is the limit the contract enforces', () => {
    expect(profileDetailsInput.safeParse({ firstName: 'x'.repeat(100) }).success).toBe(true);
    expect(profileDetailsInput.safeParse({ firstName: 'x'.repeat(101) }).success).toBe(false);
  });

  it('has none for a field the contract bounds otherwise, or does not know', () => {
    expect(profileFieldMaxLength('details', 'username')).toBeUndefined();
    expect(profileFieldMaxLength('details', 'nickname')).toBeUndefined();
  });
});
