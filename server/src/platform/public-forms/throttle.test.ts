import { describe, expect, it } from 'vitest';
import { addressKeyOf, formLimits } from './throttle';

const addressHash = (ip: string) =>
  formLimits('help', null, ip).find((limit) => limit.kind === 'address')!.hash;

describe('the public forms’ per-address key', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressKeyOf('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKeyOf('192.0.2.2')).toBe('192.0.2.2');
  });

  it('counts an IPv6 address as its /64, however it is written', () => {
    const key = '2001:db8:1:2::/64';
    for (const ip of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0000:0000:0000:0abc',
      '2001:db8:1:2:3:4:5:6',
      '2001:db8:1:2::192.0.2.1',
      '2001:db8:1:2::9%eth0',
    ]) {
      expect(addressKeyOf(ip), ip).toBe(key);
    }
    expect(addressKeyOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(addressKeyOf('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(addressKeyOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKeyOf('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(addressKeyOf('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('gives two addresses of one /64 the same limit, and other networks their own', () => {
    expect(addressHash('2001:db8:aa:bb::1')).toEqual(addressHash('2001:db8:aa:bb:1234::99'));
    expect(addressHash('2001:db8:aa:bb::1')).not.toEqual(addressHash('2001:db8:aa:bc::1'));
    expect(addressHash('::ffff:198.51.100.7')).toEqual(addressHash('198.51.100.7'));
    expect(addressHash('198.51.100.7')).not.toEqual(addressHash('198.51.100.8'));
  });
});
