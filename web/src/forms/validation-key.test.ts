import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidationKey, validationKey } from './validation-key.ts';

describe('validationKey', () => {
  it('asks for a value when the field is empty', () => {
    expect(validationKey({ code: 'too_small', input: '  ' })).toBe('validation.required');
    expect(validationKey({ code: 'invalid_type', input: undefined })).toBe('validation.required');
  });
  it('names what is wrong with a value that was typed', () => {
    expect(validationKey({ code: 'too_small', input: 'ab' })).toBe('validation.tooShort');
    expect(validationKey({ code: 'too_big', input: 'x'.repeat(300) })).toBe('validation.tooLong');
    expect(validationKey({ code: 'invalid_format', format: 'email', input: 'nope' })).toBe('validation.email');
    expect(validationKey({ code: 'custom', input: 'x' })).toBe('validation.invalid');
  });
  it('names the text rule a value broke, from the contract’s own sentence', () => {
    expect(validationKey({ code: 'custom', message: 'must be on one line' })).toBe('validation.oneLine');
    expect(validationKey({ code: 'custom', message: 'contains control or text-direction characters' })).toBe('validation.hiddenCharacters');
    expect(validationKey({ code: 'custom', message: 'must be an exact https:// address (http:// only on localhost), without wildcards or #fragment' })).toBe('validation.redirectUri');
    expect(validationKey({ code: 'custom', message: 'contains invisible characters (such as a zero-width space)' })).toBe('validation.invisibleCharacters');
    expect(validationKey({ code: 'invalid_format', format: 'url', input: 'wiki', message: 'must be an http:// or https:// address' })).toBe('validation.httpAddress');
    expect(validationKey({ code: 'custom', message: 'something else entirely' })).toBe('validation.invalid');
  });
  it('maps the issues zod really raises', () => {
    const result = z.object({ email: z.email(), name: z.string().min(1) }).safeParse({ email: 'nope', name: '' }, { error: (iss) => validationKey(iss) });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['validation.email', 'validation.required']);
  });
});

describe('isValidationKey', () => {
  it('tells our keys from English sentences', () => {
    expect(isValidationKey('validation.passwordsDiffer')).toBe(true);
    expect(isValidationKey('contains characters that are not allowed')).toBe(false);
    expect(isValidationKey(undefined)).toBe(false);
  });
});
