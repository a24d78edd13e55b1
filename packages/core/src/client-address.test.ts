// STUDIO_TRUSTED_PROXIES entries, and how failed sign-ins are grouped: by address, IPv6 by /64.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attemptBucket, trustedProxies } from './client-address';
import { isAddressOrRange } from './ip-range';

test('trusted proxies are addresses and CIDR ranges, IPv4 matched also in its IPv6-mapped form', () => {
  const trusted = trustedProxies(['10.0.0.0/8', '192.0.2.7', '::1', '2001:db8::/32']);
  for (const address of ['10.1.2.3', '::ffff:10.1.2.3', '192.0.2.7', '::1', '2001:db8:1::5'])
    assert.ok(trusted(address), address);
  for (const address of ['11.0.0.1', '192.0.2.8', '::2', '2001:db9::1', 'unknown', ''])
    assert.equal(trusted(address), false, address);
  assert.ok(isAddressOrRange('fd00::/8') && isAddressOrRange('127.0.0.1'));
  assert.equal(isAddressOrRange('proxy.example'), false);
  assert.equal(isAddressOrRange('10.0.0.0/33'), false);
  assert.equal(isAddressOrRange('10.0.0.0/8/1'), false);
  assert.ok(isAddressOrRange('::ffff:10.0.0.1') && isAddressOrRange('2001:db8::/128'));
});

test('failures are counted per IPv4 address and per IPv6 /64', () => {
  assert.equal(attemptBucket('192.0.2.7'), '192.0.2.7');
  assert.equal(attemptBucket('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(attemptBucket('2001:db8:1:2:aaaa::1'), attemptBucket('2001:db8:1:2:bbbb::2'));
  assert.equal(attemptBucket('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.notEqual(attemptBucket('2001:db8:1:2::1'), attemptBucket('2001:db8:1:3::1'));
  assert.equal(attemptBucket('unknown'), 'unknown');
});
