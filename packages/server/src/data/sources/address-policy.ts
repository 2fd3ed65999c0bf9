import net from 'node:net';

/**
 * Addresses an `http` source may never reach, whatever DNS says: the answer to "could this request land inside
 * our network or on a cloud metadata service?". IPv4-mapped IPv6 (::ffff:a.b.c.d) is checked against the IPv4
 * ranges by net.BlockList itself; IPv6 forms that embed or tunnel to IPv4 are refused whole.
 */
const BLOCKED: Array<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT (shared address space)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay anycast'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved / broadcast'],
  ['::', 96, 'ipv6', 'unspecified, loopback or IPv4-compatible'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64 (reaches IPv4 behind a translator)'],
  ['64:ff9b:1::', 48, 'ipv6', 'local-use NAT64'],
  ['100::', 64, 'ipv6', 'discard-only'],
  ['2001::', 32, 'ipv6', 'Teredo tunnel'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['2002::', 16, 'ipv6', '6to4 tunnel'],
  ['fc00::', 7, 'ipv6', 'unique local (private; includes AWS fd00:ec2::254 metadata)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local (deprecated)'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const blockList = new net.BlockList();
for (const [network, prefix, family] of BLOCKED) blockList.addSubnet(network, prefix, family);

/** Strips IPv6 brackets and a zone id; returns the address and family, or null when `host` is not an IP. */
export function parseIp(host: string): { address: string; family: 4 | 6 } | null {
  const bare = host.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = net.isIP(bare);
  return family === 4 || family === 6 ? { address: bare.toLowerCase(), family } : null;
}

export interface AddressPolicy {
  /** CIDRs let through although blocked above, e.g. ['127.0.0.0/8'] for a test server. Empty by default. */
  allow?: string[];
}

function allowList(cidrs: string[] = []): net.BlockList | null {
  if (cidrs.length === 0) return null;
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split('/');
    const ip = parseIp(network ?? '');
    if (!ip) throw new Error(`invalid CIDR ${cidr}`);
    const family = ip.family === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(ip.address, bits === undefined ? (ip.family === 4 ? 32 : 128) : Number(bits), family);
  }
  return list;
}

/** Compiles a policy once; the result says why an address is refused, or null when it may be reached. */
export function addressChecker(policy: AddressPolicy = {}): (address: string) => string | null {
  const allowed = allowList(policy.allow);
  return (address) => {
    const ip = parseIp(address);
    if (!ip) return 'not an IP address';
    const type = ip.family === 4 ? 'ipv4' : 'ipv6';
    if (allowed?.check(ip.address, type)) return null;
    if (!blockList.check(ip.address, type)) return null;
    const hit = BLOCKED.find(([network, prefix, family]) => {
      const one = new net.BlockList();
      one.addSubnet(network, prefix, family);
      return one.check(ip.address, type);
    });
    return hit ? hit[3] : 'blocked';
  };
}
