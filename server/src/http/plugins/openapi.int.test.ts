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

  it('documents the 200 response of every Admin API read', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const reads = Object.entries(doc.paths as Record<string, { get?: { responses?: Record<string, { content?: Record<string, { schema?: object }> }> } }>)
      // audit.csv streams text/csv, which a JSON schema does not describe.
      .filter(([path, item]) => path.startsWith('/api/admin/') && path !== '/api/admin/audit.csv' && item.get);
    expect(reads.map(([path]) => path)).toEqual(expect.arrayContaining(['/api/admin/users', '/api/admin/users/{id}', '/api/admin/policies', '/api/admin/mail/status']));
    // The schema is also the allow-list of what the route answers: a read without one sends whatever the handler returns.
    const undocumented = reads
      .filter(([, item]) => {
        const schema = item.get!.responses?.['200']?.content?.['application/json']?.schema;
        return !schema || Object.keys(schema).length === 0;
      })
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });

  it('serves the interactive reference', async () => {
    const res = await t.client().get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
