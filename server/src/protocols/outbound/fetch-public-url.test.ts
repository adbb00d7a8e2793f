import { describe, expect, it } from 'vitest';
import { fetchPublicUrl, isPublicAddress } from './fetch-public-url.ts';

describe('isPublicAddress', () => {
  it('accepts globally routable unicast addresses', () => {
    for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });
  it('refuses loopback, private, link-local (cloud metadata), CGNAT, reserved, multicast and mapped forms of them', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '192.0.2.1', '198.18.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fe80::1', '2001:db8::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', 'not-an-ip']) expect(isPublicAddress(a), a).toBe(false);
  });
  it('lets loopback through only when asked (tests)', () => {
    expect(isPublicAddress('127.0.0.1', true)).toBe(true);
    expect(isPublicAddress('10.0.0.1', true)).toBe(false);
  });
});

describe('fetchPublicUrl', () => {
  const o = { maxBytes: 1024, timeoutMs: 1000, accept: '*/*' };
  it('refuses other schemes and credentials in the address before any connection', async () => {
    await expect(fetchPublicUrl('file:///etc/passwd', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchPublicUrl('ftp://example.com/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchPublicUrl('https://user:pw@example.com/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchPublicUrl('http://[fd00::1]/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchPublicUrl('http://2130706433/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
  });
});
