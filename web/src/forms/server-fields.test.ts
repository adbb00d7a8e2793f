import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { serverErrorAfterEdit } from './server-fields.ts';

const refused = new ApiError(400, {
  code: 'request.invalid',
  message: 'Invalid request',
  fields: [
    { path: 'firstName', message: 'Too big', check: 'too_big' },
    { path: 'workPhone', message: 'bad', check: 'invalid_format' },
  ],
});

describe('serverErrorAfterEdit', () => {
  it('drops the mark of the field edited and keeps the others', () => {
    const left = serverErrorAfterEdit(refused, 'firstName');
    expect(left).toBeInstanceOf(ApiError);
    expect((left as ApiError).fields?.map((f) => f.path)).toEqual(['workPhone']);
    expect((left as ApiError).code).toBe('request.invalid');
    expect(serverErrorAfterEdit(left, 'workPhone')).toBeUndefined();
  });

  it('keeps a refusal about other fields as it is', () => {
    expect(serverErrorAfterEdit(refused, 'city')).toBe(refused);
  });

  it('clears a refusal about a named field only when that field is edited', () => {
    const wrong = new ApiError(401, { code: 'password.current_invalid', message: 'Your current password is not right.' });
    const about = { 'password.current_invalid': 'current' };
    expect(serverErrorAfterEdit(wrong, 'next', about)).toBe(wrong);
    expect(serverErrorAfterEdit(wrong, 'current', about)).toBeUndefined();
  });

  it('clears at any edit a refusal about no field in particular, or a failure that is no refusal', () => {
    expect(serverErrorAfterEdit(new ApiError(429, { code: 'request.rate_limited' }), 'next')).toBeUndefined();
    expect(serverErrorAfterEdit(new TypeError('Failed to fetch'), 'next')).toBeUndefined();
    expect(serverErrorAfterEdit(undefined, 'next')).toBeUndefined();
  });
});
