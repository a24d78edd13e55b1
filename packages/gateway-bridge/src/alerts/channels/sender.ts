// What a channel sender is: one function that tries to deliver one message once and says how it went, in
// words the delivery log shows, and whether another attempt could help.
import type { Db } from '@agent-studio/database';
import type { GatewayCalls } from '../../commands/context';

export interface AlertMessage {
  deliveryId: string;
  kind: 'opened' | 'updated' | 'resolved' | 'test';
  title: string;
  body: string;
}

export interface SendInput {
  /** The channel's stored settings, already checked against its kind's schema. */
  config: Record<string, unknown>;
  /** The opened secret, or null when the channel has none. */
  secret: string | null;
  allowPrivateNetwork: boolean;
  timeoutMs: number;
  gateway: GatewayCalls | null;
  db: Db;
  /** The bridge's VAPID keys, for Web Push (the browser channel with a push subscription). */
  vapid?: { publicKey: string; privateKey: string; subject: string };
}

export type SendResult =
  | { ok: true; responseStatus: number | null; answer: string | null }
  | {
      ok: false;
      responseStatus: number | null;
      answer: string | null;
      /** For the delivery log (never holds the secret). */
      error: string;
      retryable: boolean;
      /** For the bridge's log only. */
      detail?: string;
    };

export type ChannelSender = (input: SendInput, message: AlertMessage) => Promise<SendResult>;

/** The message as one text: the title, then the body. */
export const plainText = (m: AlertMessage) => `${m.title}\n\n${m.body}`;
