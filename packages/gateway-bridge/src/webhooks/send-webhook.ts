// One HTTP attempt at a webhook delivery: the signed JSON POST, and what went wrong in words the delivery log
// can show as is.
import { STATUS_CODES } from 'node:http';
import { SIGNATURE_HEADER, signWebhook } from '@agent-studio/core/webhook-signature';

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  eventType: string;
  body: string;
}

export type AttemptResult = { ok: true; responseStatus: number } | { ok: false; responseStatus: number | null; error: string };

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the receiver running?)',
  ECONNRESET: 'the receiver closed the connection',
  ENOTFOUND: 'the host name does not exist',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'the host cannot be reached',
  ETIMEDOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `No answer within ${timeoutMs / 1000} s.`;
  const code = e.cause?.code;
  return `Could not reach the receiver: ${(code && NETWORK_ERRORS[code]) ?? e.cause?.message ?? e.message}.`;
}

export async function sendWebhook(req: WebhookRequest, timeoutMs: number): Promise<AttemptResult> {
  let response: Response;
  try {
    response = await fetch(req.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'agent-studio-webhooks',
        [SIGNATURE_HEADER]: signWebhook(req.secret, req.body),
        'X-Studio-Event': req.eventType,
        'X-Studio-Delivery': req.deliveryId,
      },
      body: req.body,
      // a signed request is not forwarded to wherever a redirect points
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { ok: false, responseStatus: null, error: describeFailure(err, timeoutMs) };
  }
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return { ok: true, responseStatus: response.status };
  const reason = response.status >= 300 && response.status < 400 ? 'a redirect, which is not followed' : (STATUS_CODES[response.status] ?? 'an error');
  return { ok: false, responseStatus: response.status, error: `The receiver answered ${response.status} (${reason}).` };
}
