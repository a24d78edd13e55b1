'use client';
import { Loader2 } from 'lucide-react';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

/** A password the form cannot be sent without, its label above it. */
function PasswordField({ label, ...input }: { label: string } & ComponentProps<'input'>) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <input type="password" required className="h-10 rounded-md border bg-background px-3" {...input} />
    </label>
  );
}

/** Sign-in (one password) or setup (new password twice, with the link's token). */
export function PasswordForm({ mode, token, next }: { mode: 'login' | 'setup'; token?: string; next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    if (mode === 'setup' && password !== form.get('repeat')) return setError('The two passwords differ.');
    setBusy(true);
    setError(null);
    try {
      if (mode === 'login') await api('login', { body: { password } });
      else await api('setup', { body: { token: token ?? '', password } });
      // a path on this site: the login page made sure (pathAfterSignIn)
      window.location.assign(next ?? '/');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong.');
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <PasswordField
        label={mode === 'login' ? 'Password' : 'New password (at least 10 characters)'}
        name="password"
        minLength={mode === 'setup' ? 10 : 1}
        autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
        autoFocus
      />
      {mode === 'setup' && <PasswordField label="Repeat it" name="repeat" autoComplete="new-password" />}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {busy && <Loader2 className="animate-spin" aria-hidden />}
        {mode === 'login' ? 'Sign in' : 'Set password and sign in'}
      </Button>
    </form>
  );
}
