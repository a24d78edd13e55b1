import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shouldReadFiles, versionBefore } from './openclaw-files-format';

test('calendar versions compare by their numbers, not as text', () => {
  assert.ok(versionBefore('2026.5.28', '2026.6.1'));
  assert.ok(versionBefore('2025.12.31', '2026.6.1'));
  assert.ok(!versionBefore('2026.6.1', '2026.6.1'));
  assert.ok(!versionBefore('2026.10.2', '2026.6.1'));
  assert.ok(!versionBefore('2026.9.6-sim', '2026.6.1'));
});

test('the files are read for an old or absent gateway, never for a new one (its leftover files are stale)', () => {
  assert.ok(shouldReadFiles('auto', { configured: false, version: null }));
  assert.ok(shouldReadFiles('auto', { configured: true, version: '2026.5.28' }));
  assert.ok(!shouldReadFiles('auto', { configured: true, version: '2026.9.6' }));
  assert.ok(
    !shouldReadFiles('auto', { configured: true, version: null }),
    'configured but not yet answered: wait for its version',
  );
  assert.ok(shouldReadFiles('on', { configured: true, version: '2026.9.6' }));
  assert.ok(!shouldReadFiles('off', { configured: false, version: null }));
});
