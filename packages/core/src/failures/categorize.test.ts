import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFailure, categorizeFailure, failureAdvice, failureCategories, failureSignature } from './categorize';
import { devCorpus } from '../../test/failures/corpus';

test('the dev corpus has real texts with a source and a known label, covering every category', () => {
  const corpus = devCorpus();
  assert.ok(corpus.length >= 200, `${corpus.length} items`);
  for (const item of corpus) {
    assert.ok(item.source.length > 3, item.text);
    assert.ok((failureCategories as readonly string[]).includes(item.label), item.label);
  }
  for (const cat of failureCategories)
    assert.ok(
      corpus.some((f) => f.label === cat),
      cat,
    );
});

test('a cron timeout is the provider’s when the run was waiting on the model, the job’s when it was working', () => {
  // OpenClaw 2026.9.6 prints the same words for a 5xx retried until the timeout and for a model that hung (lab)
  assert.equal(
    categorizeFailure({ error: 'cron: job execution timed out (last phase: model-call-started)' }),
    'provider_timeout',
  );
  // the lab's hung model with a 5 s job timeout: the prompt was ready, no answer came
  assert.equal(
    categorizeFailure({ error: 'cron: job execution timed out (last phase: context-assembled)' }),
    'provider_timeout',
  );
  assert.equal(categorizeFailure({ error: 'cron: job execution timed out (last phase: workspace)' }), 'gateway');
  assert.equal(
    categorizeFailure({ error: 'cron: job execution timed out (last phase: tool-execution-started)' }),
    'timeout',
  );
  assert.equal(categorizeFailure({ error: 'cron: job execution timed out' }), 'timeout');
  assert.match(failureAdvice('provider_timeout'), /only waits longer/);
  assert.doesNotMatch(failureAdvice('provider_timeout'), /raise the job/i);
});

test('an operator abort is cancelled, a gateway restart is the gateway’s', () => {
  assert.equal(categorizeFailure({ error: 'agent run aborted | OPENCLAW_DIRECT_ABORT' }), 'cancelled');
  assert.equal(categorizeFailure({ error: 'cron: job interrupted by gateway restart' }), 'gateway');
  assert.equal(categorizeFailure({ error: 'agent run aborted for restart' }), 'gateway');
});

test('All models failed is parsed into its attempts; the job’s own model decides, the others are listed', () => {
  const text =
    '⚠️ Agent failed before reply: All models failed (2): deepseek-web/deepseek-chat: Unknown model: deepseek-web/deepseek-chat (model_not_found) | anthropic/claude-opus-4-6: No API key found for provider "anthropic". (auth).\nLogs: openclaw logs --follow';
  const a = analyzeFailure({ error: text });
  assert.equal(a.category, 'unknown_model');
  assert.deepEqual(
    a.attempts.map((x) => [x.model, x.category]),
    [
      ['deepseek-web/deepseek-chat', 'unknown_model'],
      ['anthropic/claude-opus-4-6', 'auth'],
    ],
  );
  assert.equal(
    categorizeFailure({
      error:
        'All models failed (1): google/gemini-3-flash-preview: Provider google is in cooldown (all profiles unavailable) (rate_limit).',
    }),
    'rate_limit',
  );
});

test('usage windows, billing and rate limits are told apart', () => {
  assert.equal(
    categorizeFailure({
      error:
        'FailoverError: Cloud Code Assist API error (429): You have exhausted your capacity on this model. Your quota will reset after 80h6m35s.',
    }),
    'usage_limit',
  );
  assert.equal(
    categorizeFailure({
      error:
        '⚠️ mock-b (mock-1) returned a billing error — your API key has run out of credits or has an insufficient balance.',
    }),
    'billing',
  );
  assert.equal(categorizeFailure({ error: '⚠️ API rate limit reached. Please try again later.' }), 'rate_limit');
  assert.equal(
    categorizeFailure({
      error:
        'OAuth token refresh failed for anthropic: Failed to refresh OAuth token for anthropic. Please try again or re-authenticate.',
    }),
    'login_expired',
  );
});

test('a host command’s exit code is used when the text names no cause', () => {
  assert.equal(categorizeFailure({ error: null, exitCode: 2 }), 'exit_code');
  assert.equal(categorizeFailure({ error: 'Killed', exitCode: 137 }), 'out_of_memory');
  assert.equal(categorizeFailure({ error: 'something odd' }), 'unknown');
});

test('advice names the fix in OpenClaw’s terms, with this run’s provider, model and job', () => {
  assert.match(
    failureAdvice('login_expired', { model: 'anthropic/claude-sonnet-4-6' }),
    /openclaw models auth login --provider anthropic/,
  );
  assert.match(
    failureAdvice('unknown_model', { model: 'openai/gpt-5-turbo' }),
    /`openai\/gpt-5-turbo`.*agents\.defaults\.model/,
  );
  assert.match(failureAdvice('timeout', { job: 'Morning brief' }), /Morning brief.*timeoutSeconds/);
  assert.match(failureAdvice('context_overflow'), /\/new.*compaction/);
  // the provider read from OpenClaw's own words when the run has no model
  assert.match(
    failureAdvice('login_expired', { error: 'OAuth token refresh failed for openai-codex: …' }),
    /--provider openai-codex/,
  );
  assert.match(
    failureAdvice('billing', { error: '⚠️ deepseek (deepseek-v4-flash) returned a billing error' }),
    /provider deepseek/,
  );
  // a tool's service refusing or limiting is not the model provider's doing: no provider, no model fallback
  const imap = failureAdvice('auth', {
    model: 'simulator/sim-1',
    error: 'IMAP login failed: authentication error (535)',
  });
  assert.match(imap, /service a tool called/);
  assert.doesNotMatch(imap, /simulator|openclaw configure/);
  assert.doesNotMatch(
    failureAdvice('rate_limit', { error: 'Rate limit exceeded (429) on web_fetch: retry after 60s' }),
    /fallback/,
  );
  assert.match(
    failureAdvice('auth', {
      error:
        '⚠️ Missing API key for provider "anthropic". Configure the gateway auth for that provider, then try again.',
    }),
    /provider anthropic.*openclaw configure/,
  );
  for (const cat of failureCategories) assert.ok(failureAdvice(cat).length > 20, cat);
});

test('signatures group the same failure across runs and keep different ones apart', () => {
  const a = failureSignature({
    error:
      'Timed out after 300s waiting for /home/a/workspace/mail.json at 2026-11-25T07:00:03Z (run 3f2a1b4c-1111-4222-8333-444455556666)',
  });
  const b = failureSignature({
    error:
      'Timed out after 45s waiting for /home/b/workspace/other.json at 2026-11-26T07:00:09Z (run 9e8d7c6b-1111-4222-8333-444455556666)',
  });
  assert.equal(a, b);
  assert.notEqual(a, failureSignature({ error: 'Rate limit exceeded (429) on web_fetch' }));
  assert.ok(!/\d{3}/.test(a), a);
});
