// Local stand-ins for the services alert channels talk to (bridge tests, the lab and e2e): the Telegram Bot
// API, Slack and Discord incoming webhooks and ntfy over one HTTP server, each answering as the real one does,
// and an SMTP server (the `smtp-server` package). Each records what it received; a test scripts failures.
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type AlertService = 'telegram' | 'slack' | 'discord' | 'ntfy' | 'push';

export interface ReceivedAlert {
  service: AlertService | 'smtp';
  /** Telegram's bot token, the webhook's path, ntfy's topic, the mail's recipient. */
  target: string;
  title: string;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** An answer a test forces on the n-th request to a service: a status and body. */
export type ScriptedAnswer = { status: number; body?: string } | null;

const decodeTitle = (v: string | undefined) => {
  const m = /^=\?UTF-8\?B\?(.*)\?=$/.exec(v ?? '');
  return m ? Buffer.from(m[1]!, 'base64').toString('utf8') : (v ?? '');
};

export class AlertReceivers {
  readonly received: ReceivedAlert[] = [];
  /** Requests per service, successful or not. */
  readonly requests: Record<AlertService | 'smtp', number> = {
    telegram: 0,
    slack: 0,
    discord: 0,
    ntfy: 0,
    push: 0,
    smtp: 0,
  };
  /** The SMTP logins the server was given (a channel's user and its sealed password, opened by the bridge). */
  readonly smtpLogins: { username: string; password: string }[] = [];
  /** Push subscriptions handed out: the browser's side of each (its ECDH key and auth secret). */
  private readonly subscribers = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  /** What to answer the n-th (0-based) request to a service instead of success. */
  script: (service: AlertService | 'smtp', n: number) => ScriptedAnswer = () => null;
  private http: Server | null = null;
  private smtp: SMTPServer | null = null;
  url = '';
  smtpPort = 0;

  async start(): Promise<void> {
    this.http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req.url ?? '', req.headers, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;

    this.smtp = new SMTPServer({
      authOptional: true,
      // a test server without TLS: the login is let through in the clear, as a local relay might
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        this.smtpLogins.push({ username: auth.username ?? '', password: auth.password ?? '' });
        callback(null, { user: auth.username });
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const n = this.requests.smtp++;
          const forced = this.script('smtp', n);
          if (forced) {
            const err = new Error(forced.body ?? 'Service not available') as Error & { responseCode: number };
            err.responseCode = forced.status;
            return callback(err);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
          const subject = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
          this.received.push({
            service: 'smtp',
            target: session.envelope.rcptTo.map((r) => r.address).join(','),
            title: subject.startsWith('=?') ? decodeSubject(subject) : subject,
            text: rest.join('\n\n'),
            headers: {},
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.smtp!.listen(0, '127.0.0.1', resolve));
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.http?.closeAllConnections();
    await new Promise((resolve) => this.http?.close(resolve));
    await new Promise((resolve) => this.smtp?.close(() => resolve(undefined)));
  }

  /** Telegram's API base, a Slack or Discord webhook URL, ntfy's server (point the channels here). */
  telegramBase = () => `${this.url}/telegram`;
  slackUrl = (path = 'T000/B000/secret') => `${this.url}/slack/services/${path}`;
  discordUrl = (path = '123/secret-token') => `${this.url}/discord/api/webhooks/${path}`;
  ntfyServer = () => `${this.url}/ntfy`;

  /** A browser's PushSubscription (as JSON) whose endpoint is this stand-in's push service; it decrypts what comes. */
  pushSubscription(): string {
    const id = `sub${this.subscribers.size + 1}`;
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subscribers.set(id, { ecdh, auth });
    return JSON.stringify({
      endpoint: `${this.url}/push/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    });
  }

  of(service: ReceivedAlert['service']): ReceivedAlert[] {
    return this.received.filter((r) => r.service === service);
  }

  private answer(
    url: string,
    headers: Record<string, string | string[] | undefined>,
    raw: Buffer,
    res: ServerResponse,
  ) {
    const [, service = '', ...rest] = url.split('/');
    if (!['telegram', 'slack', 'discord', 'ntfy', 'push'].includes(service)) return void res.writeHead(404).end();
    const s = service as AlertService;
    const forced = this.script(s, this.requests[s]++);
    if (forced) return void res.writeHead(forced.status, { 'content-type': 'application/json' }).end(forced.body ?? '');
    const path = rest.join('/');
    const body = raw.toString('utf8');
    if (s === 'push') {
      const sub = this.subscribers.get(path);
      if (!sub) return void res.writeHead(410).end();
      const ece = createRequire(import.meta.url)('http_ece') as {
        decrypt(b: Buffer, p: { version: string; privateKey: ECDH; authSecret: Buffer }): Buffer;
      };
      const data = JSON.parse(
        ece.decrypt(raw, { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.auth }).toString('utf8'),
      ) as { title: string; body: string };
      this.received.push({ service: s, target: path, title: data.title, text: data.body, headers });
      return void res.writeHead(201).end();
    }
    if (s === 'telegram') {
      const m = /^bot([^/]+)\/sendMessage$/.exec(path);
      if (!m)
        return void res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      const msg = JSON.parse(body) as { chat_id: string; text: string };
      const [title = '', ...lines] = msg.text.split('\n');
      this.received.push({ service: s, target: m[1]!, title, text: lines.join('\n').trim(), headers });
      const id = this.of('telegram').length;
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ ok: true, result: { message_id: id, chat: { id: msg.chat_id } } }));
    }
    if (s === 'slack') {
      const { text } = JSON.parse(body) as { text: string };
      const [first = '', ...lines] = text.split('\n');
      this.received.push({
        service: s,
        target: path,
        title: first.replace(/^\*|\*$/g, ''),
        text: lines.join('\n'),
        headers,
      });
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    if (s === 'discord') {
      const { content } = JSON.parse(body) as { content: string };
      const [first = '', ...lines] = content.split('\n');
      this.received.push({
        service: s,
        target: path,
        title: first.replace(/^\*\*|\*\*$/g, ''),
        text: lines.join('\n'),
        headers,
      });
      return void res.writeHead(204).end();
    }
    const title = decodeTitle(headers.title as string | undefined);
    this.received.push({ service: s, target: path, title, text: body, headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `n${this.of('ntfy').length}`, topic: path, event: 'message' }));
  }
}

/** A MIME encoded-word subject (nodemailer encodes non-ASCII ones). */
function decodeSubject(subject: string): string {
  return subject.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
