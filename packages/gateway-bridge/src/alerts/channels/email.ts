// E-mail over SMTP (nodemailer). The server's address is checked as the webhooks' are: its name is resolved
// once here, every address must be public (unless the owner allowed private ones), and the connection goes to
// that address (TLS still verifies the name), so the name cannot resolve elsewhere in between.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import { alertChannelConfigSchemas } from '@agent-studio/core/alert-channels';
import { isPrivateAddress } from '@agent-studio/core/private-address';
import { COULD_NOT_CONNECT } from '../../webhooks/send-webhook';
import { PRIVATE_CHANNEL_TARGET } from './http';
import { plainText, type ChannelSender } from './sender';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

export const sendEmail: ChannelSender = async (input, message) => {
  const config = alertChannelConfigSchemas.email.parse(input.config);
  let address: string;
  try {
    const found = isIP(config.host) ? [{ address: config.host }] : await lookup(config.host, { all: true });
    if (!input.allowPrivateNetwork && (!found.length || found.some((a) => isPrivateAddress(a.address))))
      return { ok: false, responseStatus: null, answer: null, error: PRIVATE_CHANNEL_TARGET, retryable: false };
    address = found[0]!.address;
  } catch (err) {
    return {
      ok: false,
      responseStatus: null,
      answer: null,
      error: COULD_NOT_CONNECT,
      retryable: true,
      detail: String(err),
    };
  }
  const transport = createTransport({
    host: address,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    tls: { servername: isIP(config.host) ? undefined : config.host },
    auth: config.user ? { user: config.user, pass: input.secret ?? '' } : undefined,
    connectionTimeout: input.timeoutMs,
    greetingTimeout: input.timeoutMs,
    socketTimeout: input.timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: message.title,
      text: plainText(message),
      headers: { 'X-Studio-Delivery': message.deliveryId },
    });
    return { ok: true, responseStatus: null, answer: String(info.response ?? '').slice(0, 200) || null };
  } catch (e) {
    const err = e as SmtpError;
    const detail = `${err.code ?? err.name}: ${err.message}`;
    if (err.code === 'EAUTH')
      return {
        ok: false,
        responseStatus: err.responseCode ?? null,
        answer: err.response ?? null,
        error: 'The SMTP server refused the user name or password.',
        retryable: false,
        detail,
      };
    if (err.responseCode)
      return {
        ok: false,
        responseStatus: err.responseCode,
        answer: err.response ?? null,
        error: `The SMTP server answered ${err.response ?? err.responseCode}.`,
        // 4xx is temporary in SMTP, 5xx permanent
        retryable: err.responseCode < 500,
        detail,
      };
    return { ok: false, responseStatus: null, answer: null, error: COULD_NOT_CONNECT, retryable: true, detail };
  } finally {
    transport.close();
  }
};
