import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedHostsList, hostMatcher, hostnameOf } from './allowed-hosts';

test('a Host is compared by its host alone, spelled the way the URL parser spells it', () => {
  assert.equal(hostnameOf('Studio.Example:3000'), 'studio.example');
  assert.equal(hostnameOf('[::1]:3000'), '[::1]');
  assert.equal(hostnameOf('::1'), '[::1]', 'a bare IPv6 bind address');
  assert.equal(hostnameOf('0x7f.1'), '127.0.0.1');
  for (const junk of [
    '',
    'https://studio.example',
    'studio.example/x',
    'user@studio.example',
    'a b',
    'studio.example?x',
  ]) {
    assert.equal(hostnameOf(junk), null, junk);
  }
});

test('bound to loopback: the loopback names and the listed ones, nothing else', () => {
  const allowed = hostMatcher('127.0.0.1', ['studio.example']);
  for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'STUDIO.example'])
    assert.ok(allowed(host), host);
  for (const host of [
    'evil.example',
    'localhost.evil.example',
    '192.168.1.5:3000',
    'studio.example.evil.example',
    null,
  ])
    assert.ok(!allowed(host), String(host));
});

test('bound to one address: that address and the listed names; the loopback names only on loopback', () => {
  const allowed = hostMatcher('192.168.1.5', []);
  assert.ok(allowed('192.168.1.5:3000'));
  assert.ok(!allowed('localhost:3000'));
  assert.ok(!allowed('10.0.0.1'));
  assert.ok(hostMatcher('localhost', [])('127.0.0.1:3000'));
});

test('bound to every address: any IP address and the loopback names, but a name only when listed', () => {
  for (const bind of ['0.0.0.0', '::']) {
    const allowed = hostMatcher(bind, ['studio.lan']);
    for (const host of ['192.168.1.5:3000', '[fe80::1]:3000', 'localhost', '0.0.0.0:3000', 'studio.lan:3000'])
      assert.ok(allowed(host), `${bind} ${host}`);
    for (const host of ['evil.example', 'my-laptop.local']) assert.ok(!allowed(host), `${bind} ${host}`);
  }
});

test('STUDIO_ALLOWED_HOSTS: a comma list of names; anything else is refused with the entry named', () => {
  assert.deepEqual(allowedHostsList.parse(' Studio.Example , studio.lan:8080,,[::1]'), [
    'studio.example',
    'studio.lan',
    '[::1]',
  ]);
  const bad = allowedHostsList.safeParse('studio.example,https://studio.example/');
  assert.ok(!bad.success);
  assert.match(bad.error.issues[0]!.message, /"https:\/\/studio.example\/" is not a host name/);
});
