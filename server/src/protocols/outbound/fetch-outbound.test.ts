import { describe, expect, it } from 'vitest';
import { fetchOutbound } from './fetch-outbound.ts';
import { parseOutboundNetworks } from './outbound-networks.ts';

describe('fetchOutbound', () => {
  const o = { maxBytes: 1024, timeoutMs: 1000, accept: '*/*', allow: parseOutboundNetworks('10.0.0.0/8') };
  it('refuses other schemes, credentials in the address and literal addresses outside the allowed networks, before any connection', async () => {
    await expect(fetchOutbound('file:///etc/passwd', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchOutbound('ftp://example.com/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchOutbound('https://user:pw@example.com/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchOutbound('http://[fd00::1]/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
    await expect(fetchOutbound('http://2130706433/x', o)).rejects.toMatchObject({ code: 'outbound.refused', message: /OUTBOUND_ALLOW/ });
    await expect(fetchOutbound('http://192.168.0.1/x', o)).rejects.toMatchObject({ code: 'outbound.refused' });
  });
});
