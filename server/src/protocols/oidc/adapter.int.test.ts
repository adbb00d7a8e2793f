import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { oidcPayloads } from '../../db/schema/index.ts';
import { createOidcAdapter, withReadAhead } from './adapter.ts';

let t: TestApp;
let Adapter: ReturnType<typeof createOidcAdapter>;
beforeAll(async () => {
  t = await createTestApp();
  Adapter = createOidcAdapter(t.database.db, async () => undefined);
});
afterAll(() => t.close());

const dropRow = (model: string, id: string) => t.database.db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));

/** A grant, its session and a refresh token bound to both, as oidc-provider stores them. */
async function seed(n: number) {
  const grants = new Adapter('Grant');
  const sessions = new Adapter('Session');
  const tokens = new Adapter('RefreshToken');
  await grants.upsert(`g${n}`, { jti: `g${n}`, accountId: 'a' }, 60);
  await sessions.upsert(`s${n}`, { jti: `s${n}`, uid: `u${n}`, accountId: 'a' }, 60);
  await tokens.upsert(`r${n}`, { jti: `r${n}`, grantId: `g${n}`, sessionUid: `u${n}`, accountId: 'a' }, 60);
  return { grants, sessions, tokens };
}

describe('OIDC adapter read-ahead', () => {
  it('reads a token with its grant and session in one go, within one provider request', async () => {
    const { grants, sessions, tokens } = await seed(1);
    await withReadAhead(async () => {
      expect(await tokens.find('r1')).toMatchObject({ grantId: 'g1' });
      // Gone from the table now: the request still answers from what it read with the token.
      await dropRow('Grant', 'g1');
      await dropRow('Session', 's1');
      expect(await grants.find('g1')).toMatchObject({ jti: 'g1' });
      expect(await sessions.findByUid('u1')).toMatchObject({ jti: 's1' });
      // Taken once: asked again, the table answers.
      expect(await grants.find('g1')).toBeUndefined();
    });
  });

  it('drops what it read ahead at the first write of the request', async () => {
    const { grants, tokens } = await seed(2);
    await withReadAhead(async () => {
      await tokens.find('r2');
      await dropRow('Grant', 'g2');
      await tokens.consume('r2');
      expect(await grants.find('g2')).toBeUndefined();
    });
  });

  it('reads the table outside a provider request', async () => {
    const { grants, tokens } = await seed(3);
    await tokens.find('r3');
    await dropRow('Grant', 'g3');
    expect(await grants.find('g3')).toBeUndefined();
  });

  it('answers a missing grant as missing, and a consumed token as consumed', async () => {
    const { grants, tokens } = await seed(4);
    await dropRow('Grant', 'g4');
    await tokens.consume('r4');
    await withReadAhead(async () => {
      expect(await tokens.find('r4')).toMatchObject({ consumed: expect.any(Number) });
      expect(await grants.find('g4')).toBeUndefined();
    });
  });
});
