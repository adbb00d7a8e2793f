import { randomBytes, webcrypto } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata
// polyfill loaded first (installed with @simplewebauthn/server, which loads it the same way).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { signingKeys } from '../../db/schema/index.ts';
import type { MasterKey } from '../secrets/master-key.ts';

/** An organization's SAML IdP signing key (PEM, PKCS#8) and its self-signed certificate (PEM). */
export type SamlIdpKey = { kid: string; privateKeyPem: string; certificatePem: string };

// RSA with SHA-256: what every SAML SP accepts; SHA-1 and rsa-1_5 are never used (SECURITY.md).
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const CERT_YEARS = 10;

/** One key per organization: the deterministic kid is what makes concurrent first uses converge. */
const kidOf = (orgId: string) => `saml-${orgId}`;
const sealContext = (orgId: string) => `saml-key:${orgId}`;

function toPem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

async function generate(orgId: string): Promise<{ privateKeyPem: string; certificatePem: string }> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + CERT_YEARS * 365 * 86_400_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    // A random positive serial; the subject names the organization by id, which never changes.
    { serialNumber: `01${randomBytes(15).toString('hex')}`, name: `CN=Tessera SAML IdP ${orgId}`, notBefore, notAfter, keys, signingAlgorithm: RSA, extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)] },
    webcrypto as unknown as Crypto,
  );
  return { privateKeyPem: toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), certificatePem: cert.toString('pem') + '\n' };
}

async function readKey(db: Queryable, masterKey: MasterKey, orgId: string): Promise<SamlIdpKey | undefined> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.use, 'saml'), eq(signingKeys.orgId, orgId), isNull(signingKeys.retiredAt)))
    .limit(1);
  if (!row?.certificate) return undefined;
  return { kid: row.kid, privateKeyPem: masterKey.decrypt(row.privateSealed, sealContext(orgId)), certificatePem: row.certificate };
}

/**
 * The organization's key, generated on first use. Two processes racing both insert under the same
 * kid; the unique constraint keeps one row and both read that one back.
 */
export async function ensureSamlIdpKey(db: Queryable, masterKey: MasterKey, orgId: string): Promise<SamlIdpKey> {
  const existing = await readKey(db, masterKey, orgId);
  if (existing) return existing;
  const fresh = await generate(orgId);
  await db
    .insert(signingKeys)
    .values({ orgId, use: 'saml', alg: 'RS256', kid: kidOf(orgId), certificate: fresh.certificatePem, privateSealed: masterKey.encrypt(fresh.privateKeyPem, sealContext(orgId)) })
    .onConflictDoNothing({ target: signingKeys.kid });
  const key = await readKey(db, masterKey, orgId);
  if (!key) throw new Error('SAML signing key missing after insert');
  return key;
}
