import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { groupNameError } from './group-name-error.ts';

const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as Parameters<typeof groupNameError>[1];
const refused = (check: string) => new ApiError(400, { code: 'request.invalid', message: 'Invalid request', fields: [{ path: 'name', message: 'x', check }] });

describe('groupNameError', () => {
  it('says the limit a name too long passed', () => {
    expect(groupNameError(refused('too_big'), t)).toBe('validation.tooLongMax {"max":100}');
  });

  it('says the check a name failed otherwise, and nothing for a refusal without fields', () => {
    expect(groupNameError(refused('too_small'), t)).toBe('validation.tooShort');
    expect(groupNameError(new ApiError(409, { code: 'group.name_taken', message: 'taken' }), t)).toBeUndefined();
  });
});
