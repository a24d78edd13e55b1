// One HTTP attempt at a webhook delivery: the signed JSON POST, and its outcome in words the delivery log can
// show as is (issue 13, finding 11):
// - Without the owner's leave a webhook reaches public addresses only. A host name's addresses are checked in
//   the lookup that this very connection uses, so a name cannot pass the check and then resolve elsewhere (DNS
//   rebinding); each delivery opens its own connection, never one pooled for another webhook; redirects are
//   never followed.
// - Why a connection failed (refused, reset, timed out, not HTTP, bad TLS) is not told: telling them apart would
//   make the studio a port scanner of its own network. The bridge's own log keeps the detail.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostAddressOf, isPrivateAddress } from '@agent-studio/core/private-address';
import { SIGNATURE_HEADER, signWebhook } from '@agent-studio/core/webhook-signature';

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  eventType: string;
  body: string;
  /** The owner allowed loopback, private-network and link-local targets on this webhook. */
  allowPrivateNetwork: boolean;
}

export type AttemptResult =
  | { ok: true; responseStatus: number }
  | {
      ok: false;
      responseStatus: number | null;
      /** For the delivery log. */
      error: string;
      /** False when another attempt would fail the same way (a private address): the delivery fails at once. */
      retryable: boolean;
      /** For the bridge's log only. */
      detail?: string;
    };

export const COULD_NOT_CONNECT = 'Could not connect to the receiver, or it gave no HTTP answer.';
export const PRIVATE_TARGET =
  'Not sent: the receiver is at a private, loopback or link-local address, which this webhook may not reach. Allow private network addresses on it to send there.';

export class PrivateTargetError extends Error {
  readonly code = 'PRIVATE_TARGET';
}

/** dns.lookup that answers only when every address of the name is public. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '');
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused || !addresses[0])
      return callback(new PrivateTargetError(`${hostname} resolves to ${refused?.address ?? 'nothing'}`), '');
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
};

function post(req: WebhookRequest, timeoutMs: number): Promise<IncomingMessage> {
  const url = new URL(req.url);
  const literal = hostAddressOf(url);
  if (!req.allowPrivateNetwork && literal && isPrivateAddress(literal))
    return Promise.reject(new PrivateTargetError(`${literal} is not public`));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'agent-studio-webhooks',
        [SIGNATURE_HEADER]: signWebhook(req.secret, req.body),
        'X-Studio-Event': req.eventType,
        'X-Studio-Delivery': req.deliveryId,
      },
      agent: false,
      lookup: req.allowPrivateNetwork ? undefined : publicOnlyLookup,
      signal: AbortSignal.timeout(timeoutMs),
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export async function sendWebhook(req: WebhookRequest, timeoutMs: number): Promise<AttemptResult> {
  let response: IncomingMessage;
  try {
    response = await post(req, timeoutMs);
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (err instanceof PrivateTargetError)
      return { ok: false, responseStatus: null, error: PRIVATE_TARGET, retryable: false, detail };
    return { ok: false, responseStatus: null, error: COULD_NOT_CONNECT, retryable: true, detail };
  }
  // only the status matters; the receiver's body is not read
  response.destroy();
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true, responseStatus: status };
  const reason =
    status >= 300 && status < 400 ? 'a redirect, which is not followed' : (STATUS_CODES[status] ?? 'an error');
  return { ok: false, responseStatus: status, error: `The receiver answered ${status} (${reason}).`, retryable: true };
}
