// One outbound HTTP request for a channel, with the webhooks' safety (issue 13): without the owner's leave it
// reaches public addresses only, checked in the very lookup the connection uses (no DNS rebinding), on its own
// connection, never following a redirect; why a connection failed is not told apart (no port scanner).
import { request as httpRequest, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { hostAddressOf, isPrivateAddress } from '@agent-studio/core/private-address';
import { COULD_NOT_CONNECT, PrivateTargetError, publicOnlyLookup } from '../../webhooks/send-webhook';
import type { SendResult } from './sender';

export const PRIVATE_CHANNEL_TARGET =
  'Not sent: the receiver is at a private, loopback or link-local address, which this channel may not reach. Allow private network addresses on it to send there.';

export interface OutboundRequest {
  url: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string | Buffer;
  allowPrivateNetwork: boolean;
  timeoutMs: number;
}

const MAX_ANSWER = 2000;

function send(req: OutboundRequest): Promise<{ status: number; text: string }> {
  const url = new URL(req.url);
  const literal = hostAddressOf(url);
  if (!req.allowPrivateNetwork && literal && isPrivateAddress(literal))
    return Promise.reject(new PrivateTargetError(`${literal} is not public`));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: req.method ?? 'POST',
      headers: { 'user-agent': 'agent-studio-alerts', ...req.headers },
      agent: false,
      lookup: req.allowPrivateNetwork ? undefined : publicOnlyLookup,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    outgoing.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < MAX_ANSWER) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: text.slice(0, MAX_ANSWER) }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/**
 * Sends and judges the answer: 2xx delivered; 429 and 5xx worth another attempt; any other answer means the
 * channel's settings are wrong, so it fails at once with the receiver's words (`explain` reads them).
 */
export async function sendOutbound(
  req: OutboundRequest,
  explain: (status: number, text: string) => string | null = () => null,
): Promise<SendResult> {
  let answer: { status: number; text: string };
  try {
    answer = await send(req);
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (err instanceof PrivateTargetError)
      return { ok: false, responseStatus: null, answer: null, error: PRIVATE_CHANNEL_TARGET, retryable: false, detail };
    return { ok: false, responseStatus: null, answer: null, error: COULD_NOT_CONNECT, retryable: true, detail };
  }
  const { status, text } = answer;
  const said = explain(status, text) ?? (text.trim().slice(0, 200) || null);
  if (status >= 200 && status < 300) return { ok: true, responseStatus: status, answer: said };
  const reason =
    status >= 300 && status < 400 ? 'a redirect, which is not followed' : (STATUS_CODES[status] ?? 'an error');
  const retryable = status === 429 || status >= 500;
  return {
    ok: false,
    responseStatus: status,
    answer: said,
    error: `The receiver answered ${status} (${reason})${said ? `: ${said}` : ''}.`,
    retryable,
  };
}
