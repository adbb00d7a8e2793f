import { describe, it, expect } from 'vitest';
import { httpUrl, httpsOrLoopbackUrl } from './fields.ts';

const issue = (result: { success: boolean; error?: { issues: { code: string; message: string }[] } }) => result.error?.issues[0];

describe('web addresses', () => {
  it('say what form they take when malformed or of another scheme', () => {
    expect(issue(httpUrl.safeParse('not an address'))?.message).toBe('must be an http:// or https:// address');
    expect(issue(httpUrl.safeParse('ftp://files.example/'))?.message).toBe('must be an http:// or https:// address');
    expect(issue(httpsOrLoopbackUrl.safeParse('javascript:alert(1)'))?.message).toBe('must be an https:// address (http:// only on localhost)');
  });

  it('say they are too long when they are well formed but too long, not that their form is wrong', () => {
    const long = `https://a.example/${'a'.repeat(5000)}`;
    for (const schema of [httpUrl, httpsOrLoopbackUrl]) {
      const first = issue(schema.safeParse(long));
      expect(first?.code).toBe('too_big');
      expect(first?.message).not.toMatch(/address/);
    }
  });

  it('take an address at the limit', () => {
    const atLimit = `https://a.example/${'a'.repeat(2048 - 'https://a.example/'.length)}`;
    expect(httpUrl.safeParse(atLimit).success).toBe(true);
    expect(httpsOrLoopbackUrl.safeParse(atLimit).success).toBe(true);
  });
});
