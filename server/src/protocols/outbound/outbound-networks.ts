import ipaddr from 'ipaddr.js';

/** The cloud metadata services (AWS, GCP, Azure, OpenStack; AWS's IPv6 one): never reachable, whatever is allowed. */
const METADATA_SERVICES = ['169.254.169.254', 'fd00:ec2::254'].map((a) => ipaddr.parse(a));

export type OutboundNetwork = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One address or CIDR as the operator wrote it; a bare address is a network of one. */
function parseOutboundNetwork(text: string): OutboundNetwork {
  let network: OutboundNetwork;
  try {
    network = text.includes('/') ? ipaddr.parseCIDR(text) : ((ip) => [ip, ip.kind() === 'ipv4' ? 32 : 128] as OutboundNetwork)(ipaddr.parse(text));
  } catch {
    throw new Error(`${text} is not an IP address or CIDR network`);
  }
  if (METADATA_SERVICES.some((m) => m.kind() === network[0].kind() && m.match(network))) throw new Error(`${text} holds the cloud metadata service, which Tessera never calls`);
  return network;
}

/** `OUTBOUND_ALLOW`'s comma-separated list; throws naming the first entry that is not a network. */
export function parseOutboundNetworks(list: string): OutboundNetwork[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map(parseOutboundNetwork);
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const ip = ipaddr.parse(address);
  return ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress() ? ip.toIPv4Address() : ip;
}

/**
 * Globally routable unicast addresses, and those inside a network the operator allowed (an intranet
 * where applications live). Nothing else: an administrator's URL must never reach the instance
 * itself, the cloud metadata service or the private network behind it (SSRF).
 */
export function isReachableAddress(address: string, allowed: readonly OutboundNetwork[]): boolean {
  const ip = parseAddress(address);
  if (!ip) return false;
  if (METADATA_SERVICES.some((m) => m.kind() === ip.kind() && m.toString() === ip.toString())) return false;
  return ip.range() === 'unicast' || allowed.some((n) => n[0].kind() === ip.kind() && ip.match(n));
}
