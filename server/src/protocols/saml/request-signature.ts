import { createVerify } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { AppError } from '../../errors.ts';
import { childElements } from './xml-guards.ts';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/** RSA with SHA-2 only: RSA-SHA1 is refused (SECURITY.md), so is anything unlisted. */
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': 'RSA-SHA384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
};
// Own keys only: `SigAlg=constructor` must not find Object.prototype's.
const signatureAlgorithm = (uri: string): string | undefined => (Object.hasOwn(SIGNATURE_ALGORITHMS, uri) ? SIGNATURE_ALGORITHMS[uri] : undefined);
const DIGEST_ALGORITHMS = new Set(['http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmldsig-more#sha384', 'http://www.w3.org/2001/04/xmlenc#sha512']);
const TRANSFORMS = new Set(['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#', 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments']);

const refuse = (message: string) => new AppError('saml.signature_invalid', message);

/** A parameter as the URL carried it, decoded; a broken %-escape (`Signature=%%%%`) is a malformed request, not a 500. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AppError('saml.request_invalid', 'The signed request is not correctly URL-encoded.');
  }
}

/**
 * HTTP-Redirect binding (SAML bindings §3.4.4.1): the signature covers the octet string
 * `SAMLRequest=…&RelayState=…&SigAlg=…` (SAMLResponse for a response) exactly as the URL carried it (still URL-encoded).
 */
export function verifyRedirectSignature(rawQuery: string, certificatePem: string): void {
  const params = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (params.has(name)) throw refuse('The signed request repeats a parameter.');
    params.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  const sigAlg = params.get('SigAlg');
  const signature = params.get('Signature');
  if (!sigAlg || !signature) throw refuse('This service provider signs its requests; the request is not signed.');
  const algorithm = signatureAlgorithm(decodeParam(sigAlg));
  if (!algorithm) throw refuse('The request is signed with an algorithm that is not accepted.');
  const signed = ['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg'].filter((n) => params.has(n)).map((n) => `${n}=${params.get(n)}`).join('&');
  const ok = createVerify(algorithm).update(signed).verify(certificatePem, Buffer.from(decodeParam(signature), 'base64'));
  if (!ok) throw refuse('The request signature does not verify.');
}

function only(el: Element, ns: string, name: string): Element {
  const found = childElements(el, ns, name);
  if (found.length !== 1) throw refuse('The request signature has an unexpected structure.');
  return found[0];
}

/**
 * HTTP-POST binding: an enveloped XML signature. Signature wrapping is refused by structure before
 * any cryptography: exactly one Signature in the whole document, a direct child of the root, with
 * exactly one Reference that points at the root's own ID, an ID no other element carries. What was
 * verified is then the very element whose fields are read.
 */
export function verifyEnvelopedSignature(xml: string, doc: Document, certificatePem: string): void {
  const root = doc.documentElement;
  if (!root) throw refuse('The request is not signed.');
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature'));
  if (signatures.length === 0) throw refuse('This service provider signs its requests; the request is not signed.');
  if (signatures.length !== 1 || signatures[0].parentNode !== root) throw refuse('The request signature has an unexpected structure.');
  const signature = signatures[0];
  const signedInfo = only(signature, DSIG, 'SignedInfo');
  const method = only(signedInfo, DSIG, 'SignatureMethod').getAttribute('Algorithm') ?? '';
  if (!signatureAlgorithm(method)) throw refuse('The request is signed with an algorithm that is not accepted.');
  const reference = only(signedInfo, DSIG, 'Reference');
  const rootId = root.getAttribute('ID');
  if (!rootId || reference.getAttribute('URI') !== `#${rootId}`) throw refuse('The request signature does not cover the request.');
  if (!DIGEST_ALGORITHMS.has(only(reference, DSIG, 'DigestMethod').getAttribute('Algorithm') ?? '')) throw refuse('The request is signed with an algorithm that is not accepted.');
  const transforms = childElements(reference, DSIG, 'Transforms').flatMap((t) => childElements(t, DSIG, 'Transform'));
  if (transforms.some((t) => !TRANSFORMS.has(t.getAttribute('Algorithm') ?? ''))) throw refuse('The request signature uses a transform that is not accepted.');
  const sameId = Array.from(doc.getElementsByTagName('*')).filter((el) => ['ID', 'Id', 'id'].some((a) => el.getAttribute(a) === rootId));
  if (sameId.length !== 1) throw refuse('The request signature has an unexpected structure.');

  // The registered certificate only: a certificate inside the message's KeyInfo is never trusted.
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  verifier.loadSignature(signature);
  let ok = false;
  try {
    ok = verifier.checkSignature(xml);
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('The request signature does not verify.');
}
