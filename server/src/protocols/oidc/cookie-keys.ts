import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * The keys of oidc-provider's signed cookies, as Koa's cookies ask for them (Keygrip's sign, verify
 * and index): the same HMAC-SHA1 base64url signatures Keygrip makes, so cookies signed before stay
 * valid, checked with timingSafeEqual. Keygrip compares through tsscmp, which makes two more HMACs
 * under a fresh random key on every check, and hands Node a string key each time.
 */
export function cookieKeys(keys: string[]) {
  if (keys.length === 0) throw new Error('cookieKeys needs at least one key');
  const hmacKeys = keys.map((k) => createSecretKey(Buffer.from(k, 'utf8')));
  const sign = (data: string, key: KeyObject) => createHmac('sha1', key).update(data).digest('base64url');
  const index = (data: string, digest: string): number => {
    const given = Buffer.from(String(digest));
    return hmacKeys.findIndex((key) => {
      const expected = Buffer.from(sign(data, key));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  };
  return { sign: (data: string) => sign(data, hmacKeys[0]), verify: (data: string, digest: string) => index(data, digest) > -1, index };
}
