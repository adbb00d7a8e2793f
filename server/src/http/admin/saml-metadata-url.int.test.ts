import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { makeSp, makeSpKeys, seedSamlWorld, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';

/** The SP's own web server, publishing its metadata (and some ways a server can misbehave). */
let spServer: http.Server;
let base: string;
let metadataXml: string;
let t: TestApp;
let world: SamlWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedSamlWorld(t);
  const keys = await makeSpKeys();
  const sp = makeSp(world, { issuer: 'https://published.example.test', callbackUrl: 'https://published.example.test/acs', audience: 'https://published.example.test', privateKey: keys.privateKeyPem, signatureAlgorithm: 'sha256', publicCert: keys.certificatePem });
  metadataXml = sp.generateServiceProviderMetadata(null, keys.certificatePem);
  spServer = http.createServer((req, res) => {
    if (req.url === '/saml/metadata') return res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadataXml);
    if (req.url === '/moved') return res.writeHead(302, { location: '/saml/metadata' }).end();
    // No Content-Length: the limit must count what arrives.
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      for (let i = 0; i < 40; i++) res.write('<x>' + 'a'.repeat(10_000) + '</x>');
      return res.end();
    }
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => spServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(spServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  spServer.close();
  await t.close();
});

const importFrom = (metadataUrl: string, extra: Record<string, unknown> = {}) => world.admin.post('/api/admin/apps/saml/import', { name: 'Published', metadataUrl, ...extra });
const appCount = async (w: SamlWorld) => ((await w.admin.get('/api/admin/apps')).json() as { items: unknown[] }).items.length;

describe('Admin API: SAML SP imported from its metadata address', () => {
  it('fetches the metadata once, creates the SP from it, and audits the address', async () => {
    const res = await importFrom(`${base}/saml/metadata`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ entityId: 'https://published.example.test', acsUrls: ['https://published.example.test/acs'], signsRequests: true });
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'app.created'));
    expect(audit.some((a) => (a.details as { from?: string }).from === `${base}/saml/metadata`)).toBe(true);
  });

  it('refuses a redirect, an error answer and an oversized document, creating nothing', async () => {
    const before = await appCount(world);
    for (const [path, message] of [
      ['/moved', /redirect/],
      ['/nope', /HTTP 404/],
      ['/huge', /larger than 256 KiB/],
    ] as const) {
      const res = await importFrom(`${base}${path}`);
      expect(res.statusCode, path).toBe(422);
      expect(res.json().error.code).toBe('outbound.failed');
      expect(res.json().error.message).toMatch(message);
    }
    expect(await appCount(world)).toBe(before);
  });

  it('wants exactly one of the XML and the address', async () => {
    expect((await importFrom(`${base}/saml/metadata`, { metadataXml })).statusCode).toBe(400);
    expect((await world.admin.post('/api/admin/apps/saml/import', { name: 'Neither' })).statusCode).toBe(400);
    expect((await importFrom('file:///etc/passwd')).statusCode).toBe(400);
  });
});

describe('outgoing fetch guard, as in production', () => {
  it('never fetches from loopback, private or metadata-service addresses, whatever the spelling', async () => {
    const prod = await createTestApp({ OUTBOUND_ALLOW: '' });
    try {
      const w = await seedSamlWorld(prod, 'Prod');
      const port = new URL(base).port;
      for (const url of [`${base}/saml/metadata`, `http://localhost:${port}/saml/metadata`, `http://[::ffff:127.0.0.1]:${port}/`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/metadata', 'http://0x7f.1/']) {
        const res = await w.admin.post('/api/admin/apps/saml/import', { name: 'Sneaky', metadataUrl: url });
        expect(res.statusCode, url).toBe(422);
        expect(res.json().error.code, url).toBe('outbound.refused');
      }
      expect(await appCount(w)).toBe(0);
    } finally {
      await prod.close();
    }
  });
});
