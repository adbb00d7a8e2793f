import { describe, it, expect } from 'vitest';
import { passwordPolicySchema } from '../../../../contract/password-policy.ts';
import { checkNewPassword, containsIdentity } from './check-new-password.ts';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';

const fast = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const who = { email: 'ada@acme.test' };

describe('checkNewPassword', () => {
  const policy = passwordPolicySchema.parse({ minLength: 8, historyCount: 2 });

  it('refuses one of the 10 000 most common passwords whatever its case', async () => {
    await expect(checkNewPassword(policy, 'Baseball1', who)).rejects.toMatchObject({ code: 'password.policy', details: { rules: ['common'] } });
  });

  it('refuses a common password behind digits and symbols, or typed over and over, at any length', async () => {
    const long = passwordPolicySchema.parse({ minLength: 12 });
    for (const p of ['password1234', 'Password2026!', '!!Dragon2026!!', '12345qwerty!!', 'monkeymonkeymonkey', 'SunshineSunshine1']) {
      await expect(checkNewPassword(long, p, who), p).rejects.toMatchObject({ details: { rules: ['common'] } });
    }
    for (const p of ['correct horse battery staple', 'my-First-password-2026', '1234-Abcd-wxyz', 'tessera-rocks-2026']) {
      await expect(checkNewPassword(long, p, who), p).resolves.toBeUndefined();
    }
  });

  it('refuses a password that is too short', async () => {
    await expect(checkNewPassword(policy, 'x7#k', who)).rejects.toMatchObject({ details: { rules: ['minLength'] } });
  });

  it('refuses a recently used password and accepts an older one', async () => {
    const hashes = await Promise.all(['first-Secret-42', 'second-Secret-42', 'third-Secret-42'].map((p) => hashPassword(p, fast)));
    const [third, second, first] = hashes.reverse();
    await expect(checkNewPassword(policy, 'second-Secret-42', who, [third, second, first])).rejects.toMatchObject({ details: { rules: ['history'] } });
    await expect(checkNewPassword(policy, 'first-Secret-42', who, [third, second, first])).resolves.toBeUndefined();
  });
});

describe("a password that names its own account", () => {
  const policy = passwordPolicySchema.parse({ minLength: 12 });
  const marie = { email: 'Marie.Curie@acme.test', usernames: ['mcurie', null] };

  it('is refused when it is the address, holds it or its local part, or a username, in any case or width', async () => {
    for (const p of ['marie.curie@acme.test', 'MARIE.CURIE@ACME.TEST-2026', 'xx-marie.curie-2026!', 'Correct-MCurie-Horse', 'ｍａｒｉｅ.ｃｕｒｉｅ-battery']) {
      await expect(checkNewPassword(policy, p, marie), p).rejects.toMatchObject({ code: 'password.policy', details: { rules: expect.arrayContaining(['identity']) } });
    }
  });

  it('is accepted when it only shares a short piece or another name', async () => {
    expect(containsIdentity('correct horse battery staple', marie)).toBe(false);
    expect(containsIdentity('marie-loves-physics-2026', marie)).toBe(false);
    // A local part or username under four characters is too common a piece of words to refuse.
    expect(containsIdentity('jdoe-and-bob-2026!', { email: 'jd@acme.test', usernames: ['bob'] })).toBe(false);
    await expect(checkNewPassword(policy, 'correct horse battery staple', marie)).resolves.toBeUndefined();
  });
});

describe('password hashing', () => {
  it('verifies argon2id hashes and flags other parameters for rehash', async () => {
    const h = await hashPassword('correct horse', fast);
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'Correct horse')).toBe(false);
    expect(needsRehash(h)).toBe(true);
    expect(needsRehash(h, fast)).toBe(false);
  });
});
