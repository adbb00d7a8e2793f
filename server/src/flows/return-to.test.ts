import { describe, it, expect } from 'vitest';
import { safeReturnTo } from './return-to.ts';

describe('safeReturnTo', () => {
  it('keeps same-origin paths', () => {
    expect(safeReturnTo('/invite', '/')).toBe('/invite');
    expect(safeReturnTo('/apps?x=1#y', '/')).toBe('/apps?x=1#y');
  });
  it.each(['//evil.example', '/\\evil.example', 'https:evil.example', 'https://evil.example', '/%2F/evil.example/..', 'javascript:alert(1)', '\t//evil', '/\t/evil', ''])(
    'refuses %j',
    (target) => {
      const result = safeReturnTo(target, '/');
      expect(new URL(result, 'http://tessera.invalid').origin).toBe('http://tessera.invalid');
      expect(result.startsWith('//')).toBe(false);
    },
  );
});
