import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { sendAutoPost } from './auto-post-page.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.get('/in', (_req, reply) => sendAutoPost(reply, 'https://sp.example/acs?a=1&b=2', { SAMLResponse: 'PHNhbWw+', RelayState: '"><script>x</script>' }));
  app.get('/out', (_req, reply) => sendAutoPost(reply, 'https://sp.example/slo', { SAMLRequest: 'PHI+', RelayState: null }, 'sign-out'));
  await app.ready();
});
afterAll(() => app.close());

describe('the SAML auto-post page', () => {
  it('posts the escaped fields to the SP, with Continue for browsers without scripts', async () => {
    const res = await app.inject({ url: '/in' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<form id="saml-post" method="post" action="https://sp.example/acs?a=1&amp;b=2">');
    expect(res.body).toContain('<input type="hidden" name="SAMLResponse" value="PHNhbWw+">');
    expect(res.body).not.toContain('<script>x');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<title>Signing you in…</title>');
    expect(res.body).toContain('<button type="submit">Continue</button>');
  });

  it("speaks the browser's language: the portal's choice first, then Accept-Language", async () => {
    const fr = await app.inject({ url: '/out', headers: { 'accept-language': 'fr-BE, en;q=0.5' } });
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.body).toContain('<title>Déconnexion en cours…</title>');
    expect(fr.body).toContain('<button type="submit">Continuer</button>');
    expect(fr.body).not.toContain('RelayState');
    const chosen = await app.inject({ url: '/out', headers: { 'accept-language': 'fr', cookie: 'a=b; tessera_lang=en' } });
    expect(chosen.body).toContain('<title>Signing you out…</title>');
  });
});
