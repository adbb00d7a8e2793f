import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { oidcPayloads } from '../../db/schema/index.ts';
import { createOidcAdapter, inProviderRequest, writePending } from './adapter.ts';

let t: TestApp;
let Adapter: ReturnType<typeof createOidcAdapter>;
beforeAll(async () => {
  t = await createTestApp();
  Adapter = createOidcAdapter(t.database.db, async () => undefined);
});
afterAll(() => t.close());

const stored = async (model: string, id: string) => (await t.database.db.select({ id: oidcPayloads.id }).from(oidcPayloads).where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)))).length === 1;
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
    await inProviderRequest(async () => {
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
    await inProviderRequest(async () => {
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
    await inProviderRequest(async () => {
      expect(await tokens.find('r4')).toMatchObject({ consumed: expect.any(Number) });
      expect(await grants.find('g4')).toBeUndefined();
    });
  });
});

describe('OIDC adapter: the tokens a request issues are written together', () => {
  it('holds them until the request is done, then writes them all', async () => {
    const access = new Adapter('AccessToken');
    const refresh = new Adapter('RefreshToken');
    await inProviderRequest(async () => {
      await refresh.upsert('w-r1', { jti: 'w-r1', grantId: 'w-g1' }, 60);
      await access.upsert('w-a1', { jti: 'w-a1', grantId: 'w-g1' }, 60);
      expect(await stored('RefreshToken', 'w-r1')).toBe(false);
      expect(await stored('AccessToken', 'w-a1')).toBe(false);
      await writePending(t.database.db);
      expect(await stored('RefreshToken', 'w-r1')).toBe(true);
      expect(await stored('AccessToken', 'w-a1')).toBe(true);
    });
  });

  it('writes them before the request reads or writes anything else, so it sees its own tokens', async () => {
    const access = new Adapter('AccessToken');
    const sessions = new Adapter('Session');
    await inProviderRequest(async () => {
      await access.upsert('w-a2', { jti: 'w-a2', grantId: 'w-g2' }, 60);
      expect(await access.find('w-a2')).toMatchObject({ jti: 'w-a2' });
      await access.upsert('w-a3', { jti: 'w-a3' }, 60);
      // Not a token: written at once, and the token issued before it goes first.
      await sessions.upsert('w-s3', { jti: 'w-s3', uid: 'w-u3' }, 60);
      expect(await stored('Session', 'w-s3')).toBe(true);
      expect(await stored('AccessToken', 'w-a3')).toBe(true);
    });
  });

  it('keeps the last version of a token saved twice in one request', async () => {
    const refresh = new Adapter('RefreshToken');
    await inProviderRequest(async () => {
      await refresh.upsert('w-r4', { jti: 'w-r4', iat: 1 }, 60);
      await refresh.upsert('w-r4', { jti: 'w-r4', iat: 2 }, 60);
      await refresh.upsert('w-r5', { jti: 'w-r5' }, 60);
      await refresh.upsert('w-r6', { jti: 'w-r6' }, 60);
      await writePending(t.database.db);
    });
    expect(await refresh.find('w-r4')).toMatchObject({ iat: 2 });
    expect(await stored('RefreshToken', 'w-r6')).toBe(true);
  });

  it('writes at once outside a provider request', async () => {
    await new Adapter('AccessToken').upsert('w-a7', { jti: 'w-a7' }, 60);
    expect(await stored('AccessToken', 'w-a7')).toBe(true);
  });
});
