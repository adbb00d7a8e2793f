import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCBOR } from '@levischuck/tiny-cbor';

type Credential = { id: Buffer; privateKey: KeyObject; x: Buffer; y: Buffer; counter: number; userHandle: string; rpId: string };
type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type RequestOptions = { challenge: string; rpId?: string; allowCredentials?: { id: string }[] };

const b64u = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

/**
 * A software WebAuthn authenticator (ES256, "none" attestation) that builds real authenticator data,
 * client data and signatures, so the server's verification runs unmodified — and so tests can send
 * what a broken or hostile client would (another origin, a stale challenge, a tampered signature).
 */
export class SoftAuthenticator {
  readonly credentials: Credential[] = [];

  register(options: CreationOptions, origin: string, opts: { userVerified?: boolean } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cred: Credential = {
      id: randomBytes(16),
      privateKey,
      x: Buffer.from(jwk.x!, 'base64url'),
      y: Buffer.from(jwk.y!, 'base64url'),
      counter: 0,
      userHandle: options.user.id,
      rpId: options.rp.id ?? new URL(origin).hostname,
    };
    this.credentials.push(cred);
    const cose = Buffer.from(encodeCBOR(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, cred.x], [-3, cred.y]])));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(cred.id.length);
    const authData = Buffer.concat([this.header(cred, 0x40 | this.flags(opts.userVerified)), Buffer.alloc(16), idLength, cred.id, cose]);
    const attestationObject = Buffer.from(encodeCBOR(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never));
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }));
    return {
      id: b64u(cred.id),
      rawId: b64u(cred.id),
      type: 'public-key' as const,
      response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ['internal'] },
      clientExtensionResults: { credProps: { rk: true } },
      authenticatorAttachment: 'platform',
    };
  }

  assert(options: RequestOptions, origin: string, opts: { userVerified?: boolean; credential?: Credential; tamper?: boolean } = {}) {
    const allowed = options.allowCredentials?.map((c) => c.id);
    const cred = opts.credential ?? this.credentials.find((c) => !allowed?.length || allowed.includes(b64u(c.id)));
    if (!cred) throw new Error('no matching credential');
    cred.counter += 1;
    const authData = this.header(cred, this.flags(opts.userVerified));
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), cred.privateKey);
    if (opts.tamper) signature[signature.length - 1] ^= 1;
    return {
      id: b64u(cred.id),
      rawId: b64u(cred.id),
      type: 'public-key' as const,
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature), userHandle: cred.userHandle },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  private flags(userVerified = true) {
    return 0x01 | (userVerified ? 0x04 : 0);
  }

  private header(cred: Credential, flags: number) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(cred.counter);
    return Buffer.concat([sha256(cred.rpId), Buffer.from([flags]), counter]);
  }
}
