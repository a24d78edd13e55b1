'use client';
import { KeyRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DateField } from '@/components/dates/date-field';
import { FormError, useCreateForm } from '@/components/settings/create-form';
import { NameField } from '@/components/settings/name-field';
import { SecretOnce } from '@/components/settings/secret-once';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { api } from '@/lib/api-client';

interface Token {
  id: string;
  name: string;
  scopes: ('read' | 'control')[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const DAY_MS = 86_400_000;

/** The expiry chosen in the form: never, in 30 or 90 days, or at the end of a chosen day (the owner's time). */
function expiryOf(form: FormData): string | null {
  const choice = String(form.get('expires') ?? 'never');
  if (choice === 'date') return new Date(`${String(form.get('expiresOn'))}T23:59:59.999`).toISOString();
  return choice === 'never' ? null : new Date(Date.now() + Number(choice) * DAY_MS).toISOString();
}

const isPast = (date: string | null) => date !== null && new Date(date).getTime() <= Date.now();

/** Create (the secret is shown once), list and revoke API tokens. */
export function Tokens({ tokens }: { tokens: Token[] }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [expires, setExpires] = useState('never');
  const { error, setError, submitWith } = useCreateForm('The token could not be created.');
  const create = submitWith(async (form) => {
    const scopes = form.getAll('scope').map(String) as Token['scopes'];
    const res = await api('createToken', {
      body: { name: String(form.get('name') ?? ''), scopes, expiresAt: expiryOf(form) },
    });
    setSecret(res.secret);
    setExpires('never');
  });
  const revoke = async (id: string) => {
    await api('revokeToken', { params: { id } }).catch((err: Error) => setError(err.message));
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3 px-4 pt-4">
        <NameField placeholder="e.g. reporting script" className="w-56" />
        <fieldset className="flex gap-3 text-sm">
          <legend className="sr-only">Scopes</legend>
          <label className="flex items-center gap-1">
            <input type="checkbox" name="scope" value="read" defaultChecked /> read
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" name="scope" value="control" /> control (run, cancel, publish)
          </label>
        </fieldset>
        <label className="flex flex-col gap-1 text-sm">
          Expires
          <select
            name="expires"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            className="h-9 rounded-md border bg-background px-2"
          >
            <option value="never">never</option>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="date">on a date…</option>
          </select>
        </label>
        {expires === 'date' && (
          <label className="flex flex-col gap-1 text-sm">
            Last day
            <DateField
              name="expiresOn"
              type="date"
              required
              min={new Date(Date.now() + DAY_MS).toISOString().slice(0, 10)}
              className="h-9 rounded-md border bg-background px-2"
            />
          </label>
        )}
        <Button type="submit">
          <KeyRound aria-hidden /> Create token
        </Button>
      </form>
      <FormError error={error} />
      {secret && (
        <SecretOnce secret={secret} testId="new-token">
          Copy the token now: it is not shown again.
        </SecretOnce>
      )}
      {tokens.length ? (
        <ul className="divide-y border-t">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <span className="font-medium">{t.name}</span>
              {t.scopes.map((s) => (
                <Badge key={s} tone={s === 'control' ? 'warning' : 'info'}>
                  {s}
                </Badge>
              ))}
              <span className="text-xs text-muted-foreground">
                created <TimeAgo date={t.createdAt} /> ·{' '}
                {t.lastUsedAt ? (
                  <>
                    last used <TimeAgo date={t.lastUsedAt} />
                  </>
                ) : (
                  'never used'
                )}{' '}
                ·{' '}
                {t.expiresAt ? (
                  <>
                    {isPast(t.expiresAt) ? 'expired' : 'expires'} <TimeAgo date={t.expiresAt} />
                  </>
                ) : (
                  'never expires'
                )}
              </span>
              <span className="ml-auto">
                {t.revokedAt ? (
                  <Badge>revoked</Badge>
                ) : isPast(t.expiresAt) ? (
                  <Badge tone="warning">expired</Badge>
                ) : (
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="outline">
                        Revoke
                      </Button>
                    }
                    title={`Revoke “${t.name}”?`}
                    description="Anything using it stops working at once."
                    confirmLabel="Revoke"
                    danger
                    onConfirm={() => void revoke(t.id)}
                  />
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No API tokens">
          Create one for a script or another tool; send it as “Authorization: Bearer …”.
        </EmptyState>
      )}
    </div>
  );
}
