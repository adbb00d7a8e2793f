import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../errors.ts';
import { isReachableAddress, type OutboundNetwork } from './outbound-networks.ts';

export type FetchOutboundOptions = {
  /** The body is refused past this many bytes (counted as they arrive, not from Content-Length). */
  maxBytes: number;
  timeoutMs: number;
  accept: string;
  /** Private networks the operator allowed (OUTBOUND_ALLOW): beside public addresses, only these are called. */
  allow: readonly OutboundNetwork[];
  /** A POST of this document instead of a GET (a SOAP call); its headers beside Content-Type. */
  post?: { contentType: string; body: string; headers?: Record<string, string> };
};

export type FetchedResource = { status: number; contentType: string; body: string };

/** Why a call did not happen, for the audit log: an address Tessera may not call, or one that did not answer well. */
export const outboundFailureReason = (err: unknown): 'not_allowed' | 'unreachable' => (err instanceof AppError && err.code === 'outbound.refused' ? 'not_allowed' : 'unreachable');

const refused = (message: string) => new AppError('outbound.refused', message);
const failed = (message: string, cause?: unknown) => new AppError('outbound.failed', message, { cause });

const PRIVATE = 'The address points to a private or reserved network, which Tessera does not call unless its operator allows that network (OUTBOUND_ALLOW).';

/**
 * The address is checked inside the socket's own lookup, so the address that is checked is the
 * address connected to: a name that resolves to a public address for a check and to 127.0.0.1 for
 * the connection (DNS rebinding) cannot slip between the two.
 */
function guardedLookup(allow: readonly OutboundNetwork[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const bad = addresses.find((a) => !isReachableAddress(a.address, allow));
      if (bad || addresses.length === 0) return callback(refused(PRIVATE), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function parseTarget(raw: string, allow: readonly OutboundNetwork[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused('The address is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused('Only http:// and https:// addresses can be fetched.');
  if (url.username || url.password) throw refused('The address must not carry a user name or password.');
  // A literal IP never goes through the lookup, so it is judged here.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isReachableAddress(host, allow)) throw refused(PRIVATE);
  return url;
}

/**
 * Tessera's one way out to other servers: GET a resource for an administrator (an SP's metadata
 * URL), or POST to an application (back-channel logout, SAML's and OIDC's). Only public addresses
 * and the networks the operator allowed are called. No redirects are followed (each hop would need the same checks, and these
 * URLs are stable), no cookies or credentials are sent, and the answer is bounded in size and time.
 */
export async function fetchOutbound(raw: string, o: FetchOutboundOptions): Promise<FetchedResource> {
  const url = parseTarget(raw, o.allow);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers = { accept: o.accept, 'user-agent': 'Tessera', ...(o.post ? { 'content-type': o.post.contentType, ...o.post.headers } : {}) };
    const req = transport.request(url, { method: o.post ? 'POST' : 'GET', headers, lookup: guardedLookup(o.allow), agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        return reject(failed(status >= 300 && status < 400 ? `The address answered with a redirect (${status}); give the final address.` : `The address answered with HTTP ${status}.`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > o.maxBytes) {
          req.destroy();
          reject(failed(`The document is larger than ${Math.round(o.maxBytes / 1024)} KiB.`));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => reject(failed('The download was interrupted.', e)));
    });
    // One deadline for the whole exchange: a server that trickles its answer is cut off too.
    const deadline = setTimeout(() => req.destroy(failed('The address did not answer in time.')), o.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (e) => reject(e instanceof AppError ? e : failed('The address could not be reached.', e)));
    req.end(o.post?.body);
  });
}
