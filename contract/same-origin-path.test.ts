import { describe, it, expect } from 'vitest';
import { sameOriginPath } from './same-origin-path.ts';

describe('sameOriginPath', () => {
  it('keeps same-origin paths with their query', () => {
    expect(sameOriginPath('/invite', '/')).toBe('/invite');
    expect(sameOriginPath('/apps?x=1#y', '/')).toBe('/apps?x=1#y');
    expect(sameOriginPath('/api/oidc/interaction/abc123?x=1')).toBe('/api/oidc/interaction/abc123?x=1');
  });
  it.each(['//evil.example', '/\\evil.example', 'https:evil.example', 'https://evil.example', 'javascript:alert(1)', '\t//evil', '/\t/evil', '/\n/evil.test', ''])('refuses %j', (target) => {
    expect(sameOriginPath(target, '/fallback')).toBe('/fallback');
  });
  it('keeps an encoded slash a path on this site', () => {
    const result = sameOriginPath('/%2F/evil.example/..', '/fallback');
    expect(new URL(result, 'http://tessera.invalid').origin).toBe('http://tessera.invalid');
    expect(result.startsWith('//')).toBe(false);
  });
  it('uses the fallback for nothing at all', () => {
    expect(sameOriginPath(undefined, '/admin')).toBe('/admin');
    expect(sameOriginPath(null)).toBe('/');
  });
});
