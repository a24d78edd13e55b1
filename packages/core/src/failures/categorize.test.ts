import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categorizeFailure, failureAdvice, failureCategories, failureSignature } from './categorize';
import { failureCorpus } from './corpus';

test('the labelled corpus has at least 100 failures covering every category', () => {
  assert.ok(failureCorpus.length >= 100, `${failureCorpus.length} cases`);
  for (const cat of failureCategories) assert.ok(failureCorpus.some((f) => f.category === cat), cat);
});

test('the categorizer is right on at least 90% of the corpus', () => {
  const wrong = failureCorpus.filter((f) => categorizeFailure(f) !== f.category);
  const accuracy = 1 - wrong.length / failureCorpus.length;
  assert.ok(accuracy >= 0.9, `accuracy ${(accuracy * 100).toFixed(1)}%; wrong: ${wrong.map((f) => `[${f.category}→${categorizeFailure(f)}] ${f.error}`).join('\n')}`);
});

test('signatures group the same failure across runs and keep different ones apart', () => {
  const a = failureSignature({ error: 'Timed out after 300s waiting for /home/a/workspace/mail.json at 2026-11-25T07:00:03Z (run 3f2a1b4c-1111-4222-8333-444455556666)' });
  const b = failureSignature({ error: 'Timed out after 45s waiting for /home/b/workspace/other.json at 2026-11-26T07:00:09Z (run 9e8d7c6b-1111-4222-8333-444455556666)' });
  assert.equal(a, b);
  assert.notEqual(a, failureSignature({ error: 'Rate limit exceeded (429) on web_fetch' }));
  assert.ok(!/\d{3}/.test(a), a);
});

test('every category comes with a suggested fix', () => {
  for (const cat of failureCategories) assert.ok(failureAdvice[cat].length > 20, cat);
});
