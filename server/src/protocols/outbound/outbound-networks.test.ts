import { describe, expect, it } from 'vitest';
import { isReachableAddress, parseOutboundNetworks } from './outbound-networks.ts';
import { loadConfig } from '../../config.ts';

const NONE = parseOutboundNetworks('');

describe('isReachableAddress', () => {
  it('reaches globally routable unicast addresses', () => {
    for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isReachableAddress(a, NONE), a).toBe(true);
  });
  it('refuses loopback, private, link-local (cloud metadata), CGNAT, reserved, multicast and mapped forms of them', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '192.0.2.1', '198.18.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fe80::1', '2001:db8::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', 'not-an-ip']) expect(isReachableAddress(a, NONE), a).toBe(false);
  });
  it('reaches a private network the operator allowed, and only that one', () => {
    const intranet = parseOutboundNetworks('10.20.0.0/16, 192.168.7.9 ,fd12:3456::/32');
    for (const a of ['10.20.0.1', '10.20.255.254', '::ffff:10.20.3.4', '192.168.7.9', 'fd12:3456::1', '8.8.8.8']) expect(isReachableAddress(a, intranet), a).toBe(true);
    for (const a of ['10.21.0.1', '192.168.7.10', '127.0.0.1', '::1', 'fd12:3457::1', '169.254.169.254']) expect(isReachableAddress(a, intranet), a).toBe(false);
  });
  it('never reaches the cloud metadata service, even inside a broad allowed network', () => {
    expect(isReachableAddress('169.254.169.254', parseOutboundNetworks('169.254.0.1'))).toBe(false);
    expect(isReachableAddress('fd00:ec2::254', parseOutboundNetworks('fd00:ec2::1'))).toBe(false);
  });
});

describe('OUTBOUND_ALLOW', () => {
  it('is empty unless set', () => {
    expect(loadConfig({}).outboundAllow).toEqual([]);
  });
  it('stops the start with one line naming the variable and the entry that is not a network', () => {
    expect(() => loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/8,intranet.example' })).toThrow('Invalid configuration: OUTBOUND_ALLOW intranet.example is not an IP address or CIDR network');
    expect(() => loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/33' })).toThrow(/OUTBOUND_ALLOW 10\.0\.0\.0\/33 is not/);
  });
  it('refuses a network that holds the cloud metadata service', () => {
    for (const list of ['169.254.0.0/16', '0.0.0.0/0', '::/0', 'fd00::/8']) expect(() => loadConfig({ OUTBOUND_ALLOW: list }), list).toThrow(/holds the cloud metadata service/);
  });
});
