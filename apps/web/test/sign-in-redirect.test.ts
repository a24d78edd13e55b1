// After sign-in the owner goes back to the page they came from, and never to another site, whatever `next`
// says: the browser resolves the path it is given, so each answer is checked the same way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathAfterSignIn } from '@/app/(auth)/login/next-path';

const STUDIO = 'https://studio.example';
const landsOn = (next: string | undefined) => new URL(pathAfterSignIn(next), `${STUDIO}/login`);

test('a next that names another site leads to the studio’s home', () => {
  const hostile = [
    '/\\evil.example/x',
    '/\t/evil.example',
    '//evil.example',
    'https://evil.example',
    '/%5Cevil.example',
    '/.//evil.example/x',
    '\\\\evil.example',
    ' //evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    'https:evil.example',
  ];
  for (const next of hostile) {
    const url = landsOn(next);
    assert.equal(url.origin, STUDIO, `${JSON.stringify(next)} led to ${url.href}`);
  }
  assert.equal(pathAfterSignIn('//evil.example'), '/');
});

test('a path of the studio is kept, with its query and fragment', () => {
  assert.equal(pathAfterSignIn('/content/abc?tab=history#v3'), '/content/abc?tab=history#v3');
  assert.equal(pathAfterSignIn('/%5Cevil.example'), '/%5Cevil.example');
  assert.equal(pathAfterSignIn(undefined), '/');
  assert.equal(pathAfterSignIn(''), '/');
});
