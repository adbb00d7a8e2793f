import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { AppError, type ErrorCode } from '../../errors.ts';

/** An AuthnRequest, even signed with a certificate inside, is a few KiB; these bounds are generous. */
export const MAX_ENCODED_MESSAGE = 24 * 1024;
export const MAX_XML_BYTES = 32 * 1024;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const invalid = (message = 'The SAML request is malformed.') => new AppError('saml.request_invalid', message);
const tooLarge = () => new AppError('request.too_large', 'The SAML message is too large.');

function decodeBase64(encoded: string): Buffer {
  if (encoded.length > MAX_ENCODED_MESSAGE) throw tooLarge();
  const compact = encoded.replace(/[\r\n\s]/g, '');
  if (!BASE64.test(compact)) throw invalid();
  return Buffer.from(compact, 'base64');
}

function inflateBounded(deflated: Buffer): string {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_XML_BYTES }).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw invalid();
  }
}

/**
 * HTTP-Redirect binding (SAML bindings §3.4.4.1): base64 of raw DEFLATE. Inflation is capped, so a
 * small "deflate bomb" cannot expand into megabytes before anything looks at it.
 */
export function decodeRedirectMessage(encoded: string): string {
  return inflateBounded(decodeBase64(encoded));
}

/**
 * HTTP-POST binding (SAML bindings §3.5.4): plain base64. Some SP libraries (node-saml and
 * passport-saml by default) deflate here too; a body that is not XML is inflated, within the same cap.
 */
export function decodePostMessage(encoded: string): string {
  const bytes = decodeBase64(encoded);
  if (bytes.length > MAX_XML_BYTES) throw tooLarge();
  const text = bytes.toString('utf8');
  return /^\s*</.test(text) ? text : inflateBounded(bytes);
}

/**
 * No document type declarations at all: SAML never needs one, and refusing them outright closes
 * external entities (XXE), entity expansion ("billion laughs") and DTD-driven ID tricks before
 * any parser runs.
 */
export function assertNoDtd(xml: string, code: ErrorCode = 'saml.request_invalid'): void {
  if (/<!DOCTYPE|<!ENTITY|<!ATTLIST|<!ELEMENT/i.test(xml) || xml.includes('\u0000')) throw new AppError(code, 'SAML messages and metadata may not contain a document type declaration.');
}

/** A DOM of a message that has passed the checks above; any parse warning or error refuses it. */
export function parseXml(xml: string, what = 'SAML message', code: ErrorCode = 'saml.request_invalid'): Document {
  assertNoDtd(xml, code);
  const fail = () => {
    throw new AppError(code, `The ${what} is not well-formed XML.`);
  };
  const doc = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml');
  if (!doc?.documentElement) fail();
  return doc;
}

/** The child elements of `el` with this namespace and local name (never descendants further down). */
export const childElements = (el: Element, ns: string, name: string) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name);
