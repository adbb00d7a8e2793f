import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchOutbound } from './fetch-outbound.ts';
import { parseOutboundNetworks } from './outbound-networks.ts';

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/silent') return; // never answers
    // Answers at once, then trickles: only a deadline on the whole exchange stops it.
    res.writeHead(200, { 'content-type': 'text/xml' });
    const tick = setInterval(() => res.write('<x/>'), 50);
    res.on('close', () => clearInterval(tick));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('fetchOutbound deadline', () => {
  const o = { maxBytes: 64 * 1024, timeoutMs: 300, accept: '*/*', allow: parseOutboundNetworks('127.0.0.1') };
  it('gives up on a server that does not answer, and on one that trickles, within its deadline', async () => {
    for (const path of ['/silent', '/trickle']) {
      const t0 = Date.now();
      await expect(fetchOutbound(`${base}${path}`, o)).rejects.toMatchObject({ code: 'outbound.failed', message: 'The address did not answer in time.' });
      expect(Date.now() - t0).toBeLessThan(2_000);
    }
  });
});
