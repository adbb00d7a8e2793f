import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('describes the API from the route schemas', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/sign-in', '/api/admin/users', '/api/admin/invitations', '/api/me/profile/{section}']));
    const body = doc.paths['/api/auth/sign-in'].post.requestBody.content['application/json'].schema;
    expect(body.required).toContain('email');
    const users = doc.paths['/api/admin/users'].get.parameters.map((p: { name: string }) => p.name);
    expect(users).toEqual(expect.arrayContaining(['q', 'status', 'cursor', 'limit']));
  });

  it('serves the interactive reference', async () => {
    const res = await t.client().get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
