// Which addresses a webhook may never reach (SSRF): everything not globally routable. IPv4-mapped and
// NAT64 IPv6 addresses are judged by the IPv4 address they carry.
import { BlockList, isIP } from 'node:net';

const v4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;
const v6 = [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['64:ff9b:1::', 48],
] as const;

const blocked = new BlockList();
for (const [net, bits] of v4) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of v6) blocked.addSubnet(net, bits, 'ipv6');

/** The address in canonical form: IPv6 lower-case and compressed, IPv4-mapped/NAT64 as the IPv4 it carries. */
export function canonicalAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return bare;
  if (family !== 6) return null;
  const host = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  const embedded = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!embedded) return host;
  const [hi, lo] = [parseInt(embedded[1], 16), parseInt(embedded[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Private, loopback, link-local, unique-local, multicast, reserved or documentation: not the public internet. */
export function isPublicAddress(address: string): boolean {
  const canonical = canonicalAddress(address);
  if (!canonical) return false;
  return !blocked.check(canonical, isIP(canonical) === 4 ? 'ipv4' : 'ipv6');
}

/** An entry of WEBHOOK_ALLOW_HOSTS: a host name (exact, case-insensitive), an address or a CIDR range. */
export function allowListMatcher(entries: string[]): (host: string, address: string) => boolean {
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const raw of entries.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const [net, bits] = raw.split('/');
    const addr = canonicalAddress(net);
    if (!addr) names.add(raw);
    else {
      const type = isIP(addr) === 4 ? 'ipv4' : 'ipv6';
      ranges.addSubnet(addr, bits ? Number(bits) : type === 'ipv4' ? 32 : 128, type);
    }
  }
  return (host, address) => {
    if (names.has(host.toLowerCase())) return true;
    const addr = canonicalAddress(address);
    return !!addr && ranges.check(addr, isIP(addr) === 4 ? 'ipv4' : 'ipv6');
  };
}
