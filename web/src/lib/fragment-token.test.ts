import { describe, it, expect } from 'vitest';
import { tokenFromFragment } from './fragment-token.ts';

describe('tokenFromFragment', () => {
  it('reads the token from a link fragment', () => {
    expect(tokenFromFragment('#token=abcdefghijklmnopqrstuvwxyz_-0123')).toBe('abcdefghijklmnopqrstuvwxyz_-0123');
    expect(tokenFromFragment('#x=1&token=abcdefghijklmnopqrstuvwxyz')).toBe('abcdefghijklmnopqrstuvwxyz');
  });
  it('ignores anything that is not a well-formed token', () => {
    expect(tokenFromFragment('')).toBeUndefined();
    expect(tokenFromFragment('#token=short')).toBeUndefined();
    expect(tokenFromFragment('#token=<script>alert(1)</script>aaaaaaaaaaaaaaa')).toBeUndefined();
  });
});
