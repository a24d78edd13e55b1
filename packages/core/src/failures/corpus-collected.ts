// A second labelled set, NOT written against the rules: error texts as real software prints them, gathered
// from public sources — the strings in OpenClaw 2026.9.6's own dist/ (the lab's install), Node.js, npm, libc and
// shell errors, Python tracebacks' last lines, and the error bodies of provider SDKs as users pasted them into
// public issues (anthropic-sdk-typescript#616, claude-code#5184, google-gemini/cookbook#425, gemini-cli#7392,
// chatbot-ui#102, OpenHands#998). Ids, keys and hosts are placeholders; the wording and shape are the originals'.
// Plus what the REAL gateway of the lab recorded for failed runs when the mock model failed like providers do
// (corpus-lab.json, written by packages/gateway-bridge/test/lab/collect-failures.ts).
// The bench prints accuracy on this set apart from the first one.
import type { FailureCategory, FailureInput } from './categorize';
import labFailures from './corpus-lab.json';

type Case = FailureInput & { category: FailureCategory; source: string };

const c = (category: FailureCategory, source: string, error: string, exitCode?: number): Case => ({ category, source, error, exitCode });

export const collectedFailures: Case[] = [
  // OpenClaw 2026.9.6 (dist/*.mjs)
  c('timeout', 'openclaw', 'Gateway connection timed out.'),
  c('timeout', 'openclaw', 'CLI plugin runtime exceeded its execution timeout.'),
  c('timeout', 'openclaw', 'Chrome MCP handshake timed out'),
  c('timeout', 'openclaw', 'OAuth callback timeout'),
  c('timeout', 'openclaw', 'Native command admission timed out.'),
  c('timeout', 'openclaw', 'OpenAI realtime connection timeout'),
  c('rate_limit', 'openclaw', 'GitHub Actions is rate limited; wait and retry.'),
  c('auth', 'openclaw', "GitHub Actions authentication expired; reconnect the agent's GitHub identity in Settings."),
  c('auth', 'openclaw', 'Azure Speech API key missing'),
  c('auth', 'openclaw', 'API key SecretRef is invalid.'),
  c('auth', 'openclaw', 'Prepared runtime auth candidates are temporarily unavailable.'),

  // Anthropic SDK / API (anthropic-sdk-typescript#616, claude-code#5184)
  c('model_error', 'anthropic', 'InternalServerError: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
  c('model_error', 'anthropic', 'API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment.'),
  c('model_error', 'anthropic', 'InternalServerError: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}'),
  c('rate_limit', 'anthropic', 'RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50,000 input tokens per minute."}}'),
  c('auth', 'anthropic', 'AuthenticationError: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'),
  c('auth', 'anthropic', 'PermissionDeniedError: 403 {"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}'),
  c('model_error', 'anthropic', 'BadRequestError: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215443 tokens > 200000 maximum"}}'),
  c('model_error', 'anthropic', 'NotFoundError: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-3-opus-latest"}}'),
  c('network', 'anthropic', 'APIConnectionError: Connection error.'),
  c('timeout', 'anthropic', 'APIConnectionTimeoutError: Request timed out.'),
  c('model_error', 'anthropic', 'BadRequestError: 400 {"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}'),

  // OpenAI SDK / API (chatbot-ui#102, OpenHands#998)
  c('rate_limit', 'openai', 'RateLimitError: 429 Rate limit reached for gpt-4o in organization org-XXXX on tokens per min (TPM): Limit 30000, Used 28764, Requested 2310. Please try again in 2.148s.'),
  c('rate_limit', 'openai', "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"),
  c('auth', 'openai', "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}"),
  c('model_error', 'openai', "Error code: 400 - {'error': {'message': \"This model's maximum context length is 128000 tokens. However, your messages resulted in 204308 tokens. Please reduce the length of the messages.\", 'type': 'invalid_request_error', 'param': 'messages', 'code': 'context_length_exceeded'}}"),
  c('model_error', 'openai', 'InternalServerError: 500 The server had an error while processing your request. Sorry about that!'),
  c('model_error', 'openai', "openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model `gpt-5-turbo` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'code': 'model_not_found'}}"),
  c('network', 'openai', 'openai.APIConnectionError: Connection error.'),
  c('timeout', 'openai', 'openai.APITimeoutError: Request timed out.'),
  c('model_error', 'openai', "BadRequestError: 400 Invalid prompt: your prompt was flagged as potentially violating our usage policy."),
  c('model_error', 'openai', 'Error: 503 The engine is currently overloaded, please try again later'),
  c('rate_limit', 'openai', 'Error: 429 Request too large for gpt-4o-mini in organization org-XXXX on tokens per min (TPM): Limit 200000, Requested 254112.'),

  // Google Gemini (cookbook#425, gemini-cli#7392, gemini-cli#23520)
  c('model_error', 'gemini', "503 UNAVAILABLE. {'error': {'code': 503, 'message': 'The model is overloaded. Please try again later.', 'status': 'UNAVAILABLE'}}"),
  c('model_error', 'gemini', '[API Error: got status: UNAVAILABLE. {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}]'),
  c('rate_limit', 'gemini', '[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent: [429 Too Many Requests] You exceeded your current quota, please check your plan and billing details.'),
  c('auth', 'gemini', '[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent: [400 Bad Request] API key not valid. Please pass a valid API key.'),
  c('model_error', 'gemini', 'google.genai.errors.ServerError: 500 INTERNAL. {"error": {"code": 500, "message": "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", "status": "INTERNAL"}}'),
  c('model_error', 'gemini', 'Candidate was blocked due to SAFETY'),
  c('rate_limit', 'gemini', 'google.api_core.exceptions.ResourceExhausted: 429 Resource has been exhausted (e.g. check quota).'),
  c('model_error', 'gemini', '{"error":{"code":503,"message":"No capacity available for model on the server","status":"UNAVAILABLE"}}'),

  // OpenRouter / Mistral / Ollama / Bedrock formats
  c('auth', 'openrouter', '{"error":{"message":"No auth credentials found","code":401}}'),
  c('model_error', 'openrouter', '{"error":{"message":"Provider returned error","code":502,"metadata":{"provider_name":"Together"}}}'),
  c('rate_limit', 'openrouter', '{"error":{"message":"Rate limit exceeded: free-models-per-day","code":429}}'),
  c('model_error', 'openrouter', '{"error":{"message":"Insufficient credits. Add more using https://openrouter.ai/credits","code":402}}'),
  c('model_error', 'ollama', 'Error: model "llama3.3:70b" not found, try pulling it first'),
  c('out_of_memory', 'ollama', 'Error: model requires more system memory (41.2 GiB) than is available (15.3 GiB)'),
  c('network', 'ollama', 'Error: could not connect to ollama app, is it running?'),
  c('rate_limit', 'bedrock', 'ThrottlingException: Too many tokens, please wait before trying again.'),
  c('auth', 'bedrock', 'AccessDeniedException: You don\'t have access to the model with the specified model ID.'),
  c('auth', 'aws', 'UnrecognizedClientException: The security token included in the request is invalid.'),
  c('auth', 'aws', 'ExpiredTokenException: The security token included in the request is expired'),
  c('model_error', 'mistral', 'Status 400: {"object":"error","message":"Prompt contains 40123 tokens, too large for model with 32768 maximum context length","type":"invalid_request_error"}'),

  // Node.js / undici / libuv
  c('network', 'node', 'Error: connect ECONNREFUSED 127.0.0.1:6379'),
  c('network', 'node', 'Error: getaddrinfo ENOTFOUND api.hubapi.com'),
  c('network', 'node', 'TypeError: fetch failed\n  [cause]: Error: getaddrinfo EAI_AGAIN hooks.slack.com'),
  c('network', 'node', 'Error: socket hang up\n    at connResetException (node:internal/errors:787:14)'),
  c('network', 'node', 'Error: write EPIPE'),
  c('network', 'node', 'Error: self-signed certificate in certificate chain'),
  c('network', 'node', "Error: Hostname/IP does not match certificate's altnames: Host: api.example.com. is not in the cert's altnames: DNS:*.example.net"),
  c('network', 'node', 'Error: unable to verify the first certificate'),
  c('network', 'node', 'Error: connect EHOSTUNREACH 10.0.3.7:443'),
  c('timeout', 'node', 'ConnectTimeoutError: Connect Timeout Error (attempt address: api.notion.com:443, timeout: 10000ms)'),
  c('timeout', 'node', 'HeadersTimeoutError: Headers Timeout Error'),
  c('timeout', 'node', 'DOMException [TimeoutError]: The operation was aborted due to timeout'),
  c('network', 'node', 'SocketError: other side closed'),
  c('out_of_memory', 'node', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'),
  c('out_of_memory', 'node', '<--- Last few GCs --->\nFATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory'),
  c('out_of_memory', 'node', 'RangeError: Array buffer allocation failed'),
  c('tool_error', 'node', "Error: ENOENT: no such file or directory, open '/home/agent/.openclaw/workspace/gtm/blog/draft.md'"),
  c('tool_error', 'node', "Error: EACCES: permission denied, mkdir '/var/www/site/posts'"),
  c('tool_error', 'node', "Error: EISDIR: illegal operation on a directory, read"),
  c('tool_error', 'node', 'Error: ENOSPC: no space left on device, write'),
  c('tool_error', 'node', "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"),
  c('tool_error', 'node', 'Error: EMFILE: too many open files, watch'),

  // npm / shell / coreutils
  c('exit_code', 'npm', 'npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\nnpm ERR! report@1.0.0 build: `tsc -p .`\nnpm ERR! Exit status 1', 1),
  c('network', 'npm', 'npm ERR! code ETIMEDOUT\nnpm ERR! network request to https://registry.npmjs.org/zod failed, reason: connect ETIMEDOUT 104.16.1.35:443'),
  c('auth', 'npm', 'npm ERR! code E401\nnpm ERR! Unable to authenticate, need: Basic realm="GitHub Package Registry"'),
  c('exit_code', 'npm', 'npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/@acme%2freport-kit - Not found', 1),
  c('tool_error', 'bash', 'bash: line 1: jq: command not found', 127),
  c('tool_error', 'bash', '/bin/sh: 1: ./scripts/export.sh: Permission denied', 126),
  c('exit_code', 'shell', 'Command failed with exit code 2: rsync -a gtm/ backup:/srv/gtm', 2),
  c('exit_code', 'shell', 'Error: Command failed: python3 scripts/report.py\n', 1),
  c('out_of_memory', 'kernel', 'Killed', 137),
  c('out_of_memory', 'kernel', 'Out of memory: Killed process 48213 (node) total-vm:4385244kB, anon-rss:3912044kB'),
  c('out_of_memory', 'systemd', 'openclaw-gateway.service: A process of this unit has been killed by the OOM killer.'),
  c('exit_code', 'git', "fatal: not a git repository (or any of the parent directories): .git", 128),
  c('auth', 'git', "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/acme/site.git/'", 128),
  c('network', 'git', "fatal: unable to access 'https://github.com/acme/site.git/': Could not resolve host: github.com", 128),
  c('network', 'curl', 'curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn\'t connect to server', 7),
  c('timeout', 'curl', 'curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received', 28),
  c('network', 'curl', 'curl: (6) Could not resolve host: api.example.com', 6),

  // Python (last line of the traceback)
  c('out_of_memory', 'python', 'MemoryError'),
  c('timeout', 'python', "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)"),
  c('network', 'python', "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v1/items (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))"),
  c('auth', 'python', "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.hubapi.com/crm/v3/objects/contacts"),
  c('rate_limit', 'python', 'requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.github.com/search/code'),
  c('tool_error', 'python', "FileNotFoundError: [Errno 2] No such file or directory: 'data/feeds.json'"),
  c('tool_error', 'python', "PermissionError: [Errno 13] Permission denied: '/srv/reports/weekly.pdf'"),
  c('tool_error', 'python', "ModuleNotFoundError: No module named 'pandas'"),
  c('tool_error', 'python', 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)'),
  c('network', 'python', 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)'),
  c('model_error', 'python', 'anthropic.InternalServerError: Error code: 529 - {\'type\': \'error\', \'error\': {\'type\': \'overloaded_error\', \'message\': \'Overloaded\'}}'),

  // SaaS APIs the agents' tools call
  c('rate_limit', 'slack', 'An API error occurred: ratelimited'),
  c('auth', 'slack', 'An API error occurred: invalid_auth'),
  c('auth', 'slack', 'An API error occurred: not_authed'),
  c('auth', 'google', 'invalid_grant: Token has been expired or revoked.'),
  c('rate_limit', 'github', 'HttpError: API rate limit exceeded for installation ID 4711.'),
  c('auth', 'github', 'HttpError: Bad credentials'),
  c('rate_limit', 'notion', 'APIResponseError: Rate limited. Please try again later.'),
  c('auth', 'notion', 'APIResponseError: API token is invalid.'),
  c('tool_error', 'notion', 'APIResponseError: Could not find page with ID: 59833787-2cf9-4fdf-8782-e53db20768a5. Make sure the relevant pages and databases are shared with your integration.'),
  c('network', 'cloudflare', '502 Bad Gateway\ncloudflare'),
  c('timeout', 'cloudflare', 'error code: 524'),
  ...(labFailures as Case[]),
];
