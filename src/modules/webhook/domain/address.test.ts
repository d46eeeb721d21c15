import { describe, expect, it } from 'vitest';
import { allowListMatcher, canonicalAddress, isPublicAddress } from './address.ts';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.18.0.1',
    '::',
    '::1',
    'fe80::1',
    'fd12:3456::1',
    'fc00::1',
    'ff02::1',
    '2001:db8::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    'not an address',
  ])('refuses %s', (a) => expect(isPublicAddress(a)).toBe(false));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '[2a00:1450::1]'])(
    'lets %s through',
    (a) => expect(isPublicAddress(a)).toBe(true),
  );

  it('judges IPv4-mapped IPv6 by the IPv4 address it carries', () => {
    expect(canonicalAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalAddress('0:0:0:0:0:ffff:a9fe:a9fe')).toBe('169.254.169.254');
  });
});

describe('allowListMatcher', () => {
  const allowed = allowListMatcher(['hooks.internal', '10.1.0.0/16', '::1']);
  it('matches names exactly, addresses and ranges', () => {
    expect(allowed('HOOKS.internal', '10.9.9.9')).toBe(true);
    expect(allowed('other.internal', '10.1.2.3')).toBe(true);
    expect(allowed('other.internal', '10.2.0.1')).toBe(false);
    expect(allowed('x', '::1')).toBe(true);
    expect(allowed('sub.hooks.internal', '127.0.0.1')).toBe(false);
  });
});
