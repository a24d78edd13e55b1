import { alertChannelSecrets, type AlertChannelKindName } from '@agent-studio/core/alert-channels';

const input = 'h-9 w-full min-w-0 rounded-md border bg-background px-2';

function Field({
  name,
  label,
  placeholder,
  type = 'text',
  required = false,
  defaultValue,
}: {
  name: string;
  label: string;
  placeholder?: string;
  type?: string;
  required?: boolean;
  defaultValue?: string;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-sm sm:w-64">
      {label}
      <input
        name={name}
        type={type}
        required={required}
        placeholder={placeholder}
        defaultValue={defaultValue}
        autoComplete="off"
        className={input}
      />
    </label>
  );
}

/** The settings each kind of channel asks for (names `config.<field>` and `secret`). */
export function ChannelFields({ kind }: { kind: AlertChannelKindName }) {
  const secret = alertChannelSecrets[kind];
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
      {kind === 'telegram' && (
        <>
          <Field name="config.chatId" label="Chat id" placeholder="e.g. 123456789" required />
          <Field name="config.apiBase" label="Bot API address (optional)" placeholder="https://api.telegram.org" />
        </>
      )}
      {kind === 'ntfy' && (
        <>
          <Field name="config.server" label="Server" placeholder="https://ntfy.sh" />
          <Field name="config.topic" label="Topic" placeholder="my-studio-alerts" required />
        </>
      )}
      {kind === 'email' && (
        <>
          <Field name="config.host" label="SMTP server" placeholder="smtp.example.com" required />
          <Field name="config.port" label="Port" type="number" placeholder="587" />
          <label className="flex flex-col gap-1 text-sm sm:w-64">
            Security
            <select name="config.security" defaultValue="starttls" className={input}>
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">TLS (465)</option>
              <option value="none">None (a local relay only)</option>
            </select>
          </label>
          <Field name="config.user" label="User name (optional)" />
          <Field name="config.from" label="From" type="email" placeholder="studio@example.com" required />
          <Field name="config.to" label="To" type="email" placeholder="you@example.com" required />
        </>
      )}
      {kind === 'openclaw' && (
        <>
          <Field name="config.channel" label="OpenClaw channel" placeholder="telegram, whatsapp, slack…" required />
          <Field name="config.to" label="Recipient" placeholder="a chat id or number OpenClaw knows" required />
        </>
      )}
      {secret && kind !== 'browser' && (
        <Field
          name="secret"
          label={secret.label}
          type="password"
          required={secret.required}
          placeholder={
            kind === 'slack'
              ? 'https://hooks.slack.com/services/…'
              : kind === 'discord'
                ? 'https://discord.com/api/webhooks/…'
                : undefined
          }
        />
      )}
    </div>
  );
}

/** The form's `config.*` fields as the channel's settings (empty ones left out, numbers as numbers). */
export function configFrom(form: FormData): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (!k.startsWith('config.') || typeof v !== 'string' || v.trim() === '') continue;
    const field = k.slice('config.'.length);
    config[field] = field === 'port' ? Number(v) : v.trim();
  }
  return config;
}
