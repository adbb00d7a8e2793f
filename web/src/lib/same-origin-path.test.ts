import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './same-origin-path.ts';

describe('sameOriginPath', () => {
  it('keeps a path on this site', () => {
    expect(sameOriginPath('/admin')).toBe('/admin');
    expect(sameOriginPath('/api/oidc/interaction/abc?x=1')).toBe('/api/oidc/interaction/abc?x=1');
  });
  it('refuses anything that leaves the site', () => {
    expect(sameOriginPath('https://evil.example/')).toBe('/');
    expect(sameOriginPath('//evil.example/')).toBe('/');
    expect(sameOriginPath('/\\evil.example/')).toBe('/');
    expect(sameOriginPath('javascript:alert(1)', '/admin')).toBe('/admin');
    expect(sameOriginPath(undefined)).toBe('/');
  });
});
