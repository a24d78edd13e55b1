'use client';
import { Loader2, Save } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type ComponentProps, type FormEvent } from 'react';
import type { z } from 'zod';
import type { alertChannel, alertRule } from '@agent-studio/core/api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

type Rule = z.infer<typeof alertRule>;
type Channel = z.infer<typeof alertChannel>;

const input = 'h-9 rounded-md border bg-background px-2 text-sm';
type InputProps = ComponentProps<'input'>;

/** Each rule: on or off, its channels, its own settings and quiet hours, saved on its own. */
export function Rules({ rules, channels }: { rules: Rule[]; channels: Channel[] }) {
  return (
    <ul className="divide-y">
      {rules.map((r) => (
        <li key={r.kind}>
          <RuleForm rule={r} channels={channels} />
        </li>
      ))}
    </ul>
  );
}

function RuleForm({ rule, channels }: { rule: Rule; channels: Channel[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null);
  const id = `rule-${rule.kind}`;
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const start = String(form.get('quietStart') ?? '');
    const end = String(form.get('quietEnd') ?? '');
    const timeZone = String(form.get('quietZone') ?? '').trim();
    setBusy(true);
    try {
      await api('updateAlertRule', {
        params: { kind: rule.kind },
        body: {
          enabled: form.get('enabled') === 'on',
          channelIds: form.getAll('channel').map(String),
          params: Object.fromEntries(Object.keys(rule.paramLabels).map((k) => [k, Number(form.get(`param.${k}`))])),
          quietHours: start && end ? { start, end, ...(timeZone ? { timeZone } : {}) } : null,
        },
      });
      setMessage({ text: 'Saved.' });
      router.refresh();
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'It could not be saved.', bad: true });
    } finally {
      setBusy(false);
    }
  };
  // the rule's own settings (numbers), then its quiet hours
  const quiet = (name: string, label: string, value: string | undefined, more: InputProps = { type: 'time' }) => ({
    label,
    id: `${id}-${name}`,
    name,
    defaultValue: value ?? '',
    className: input,
    ...more,
  });
  const fields: (InputProps & { label: string; name: string })[] = [
    ...Object.entries(rule.paramLabels).map(([k, label]) => ({
      label,
      name: `param.${k}`,
      type: 'number',
      step: 'any',
      min: 0,
      defaultValue: String(rule.params[k] ?? ''),
      className: `${input} w-28`,
    })),
    quiet('quietStart', 'Quiet from', rule.quietHours?.start),
    quiet('quietEnd', 'until', rule.quietHours?.end),
    quiet('quietZone', 'Time zone', rule.quietHours?.timeZone, { placeholder: 'UTC', className: `${input} w-40` }),
  ];
  return (
    <form onSubmit={save} aria-label={rule.label} className="flex flex-col gap-3 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-start gap-3">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="enabled" defaultChecked={rule.enabled} className="mt-1" />
          <span className="flex flex-col">
            <span className="font-medium">{rule.label}</span>
            <span className="text-xs text-muted-foreground">{rule.description}</span>
          </span>
        </label>
        {rule.enabled ? <Badge tone="success">on</Badge> : <Badge>off</Badge>}
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
        <legend className="mb-1 text-xs text-muted-foreground">
          Send to{rule.aboutGateway ? ' (at least one channel that does not go through OpenClaw)' : ''}
        </legend>
        {channels.length ? (
          channels.map((c) => (
            <label key={c.id} className="flex items-center gap-1">
              <input type="checkbox" name="channel" value={c.id} defaultChecked={rule.channelIds.includes(c.id)} />
              {c.name}
            </label>
          ))
        ) : (
          <span className="text-xs text-muted-foreground">Add a channel below first.</span>
        )}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        {fields.map(({ label, ...field }) => (
          <label key={field.name} className="flex flex-col gap-1 text-xs" htmlFor={field.id}>
            {label}
            <input {...field} />
          </label>
        ))}
        <Button type="submit" variant="outline" disabled={busy}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Save aria-hidden />} Save
        </Button>
        <span role="status" className={message?.bad ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
          {message?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
