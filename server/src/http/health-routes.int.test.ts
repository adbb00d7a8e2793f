import { describe, it, expect } from 'vitest';
import { createTestApp } from '../../test/harness.ts';

describe('/healthz', () => {
  it('answers 503 once the database is unreachable', async () => {
    const t = await createTestApp();
    expect((await t.client().get('/healthz')).statusCode).toBe(200);
    await t.database.close();
    const res = await t.client().get('/healthz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    await t.app.close();
  });
});
