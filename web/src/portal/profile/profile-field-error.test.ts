import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../../i18n/en.json' with { type: 'json' };
import { ApiError } from '../../api/client.ts';
import { profileFieldError } from './profile-field-error.ts';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false } });
const refused = (path: string, check: string) => new ApiError(400, { code: 'request.invalid', message: 'Invalid request', fields: [{ path, message: 'bad', check }] });

describe('profileFieldError', () => {
  it("says the limit a value passed, from the contract's", () => {
    expect(profileFieldError(refused('firstName', 'too_big'), 'details', 'firstName', i18n.t)).toBe('At most 100 characters.');
    expect(profileFieldError(refused('zipCode', 'too_big'), 'personal', 'zipCode', i18n.t)).toBe('At most 12 characters.');
  });

  it('finds the field where the request held it, as an administrator saves a section', () => {
    expect(profileFieldError(refused('employment.jobTitle', 'too_big'), 'employment', 'jobTitle', i18n.t, 'employment.jobTitle')).toBe('At most 100 characters.');
    expect(profileFieldError(refused('employment.jobTitle', 'too_big'), 'employment', 'department', i18n.t, 'employment.department')).toBeUndefined();
  });

  it('says the format a field takes for a value of the wrong form, and nothing for a field not refused', () => {
    expect(profileFieldError(refused('personal.workPhone', 'invalid_format'), 'personal', 'workPhone', i18n.t, 'personal.workPhone')).toBe('Digits, spaces and + ( ) - . / x only.');
    expect(profileFieldError(refused('city', 'too_big'), 'personal', 'state', i18n.t)).toBeUndefined();
    expect(profileFieldError(undefined, 'personal', 'city', i18n.t)).toBeUndefined();
  });
});
