'use client';
import { Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ApiError } from '@/lib/api-client';

type State = { kind: 'idle' | 'busy' } | { kind: 'done' | 'error'; text: string };

/** How long a success stays said beside its button (a failure stays until the next try). */
const SAID_FOR_MS = 8000;

export interface ConfirmActionProps {
  label: string;
  icon: ReactNode;
  /** The question; names what is acted on. */
  title: string;
  description: ReactNode;
  danger?: boolean;
  disabled?: boolean;
  /**
   * False once what the button acts on can no longer take the action (a session that stopped): the button
   * goes, but what it said stays, so the outcome is not lost when the page re-renders with the new state.
   */
  available?: boolean;
  variant?: 'default' | 'outline' | 'danger';
  /** Does the work; resolves to the words shown on success. */
  action: () => Promise<string>;
}

/** A button that asks first, then runs an API action and says in words what happened (or why not). */
export function ConfirmAction({
  label,
  icon,
  title,
  description,
  danger,
  disabled,
  available = true,
  variant,
  action,
}: ConfirmActionProps) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', text: await action() });
      router.refresh();
    } catch (err) {
      setState({ kind: 'error', text: err instanceof ApiError ? err.message : 'That did not work.' });
    }
  };
  // successes do not pile up beside the page's buttons ("Resumed." next to "Run started."): each goes after a while
  useEffect(() => {
    if (state.kind !== 'done') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), SAID_FOR_MS);
    return () => clearTimeout(t);
  }, [state]);
  if (!available && (state.kind === 'idle' || state.kind === 'busy')) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {available && (
        <ConfirmDialog
          trigger={
            <Button variant={variant ?? (danger ? 'danger' : 'default')} disabled={disabled || state.kind === 'busy'}>
              {state.kind === 'busy' ? <Loader2 className="animate-spin" aria-hidden /> : icon}
              {label}
            </Button>
          }
          title={title}
          description={description}
          confirmLabel={label}
          danger={danger}
          onConfirm={run}
        />
      )}
      <span role="status" className={state.kind === 'error' ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
        {state.kind === 'done' || state.kind === 'error' ? state.text : ''}
      </span>
    </div>
  );
}
