'use client';
import { Loader2, Play } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { api, ApiError } from '@/lib/api-client';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** "Run now": through the command queue to the gateway; says in words what happened. */
export function RunNowButton({ jobId, jobName, disabled }: { jobId: string; jobName: string; disabled?: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'busy' });
    try {
      const res = await api('triggerCronJob', { params: { id: jobId }, body: {} });
      setState({ kind: 'done', text: 'runId' in res ? 'Run started.' : 'Queued: the bridge will start it shortly.' });
      router.refresh();
    } catch (err) {
      setState({ kind: 'error', text: err instanceof ApiError ? err.message : 'The run could not be started.' });
    }
  };
  return (
    <div className="flex items-center gap-3">
      <ConfirmDialog
        trigger={
          <Button disabled={disabled || state.kind === 'busy'}>
            {state.kind === 'busy' ? <Loader2 className="animate-spin" aria-hidden /> : <Play aria-hidden />}
            Run now
          </Button>
        }
        title={`Run “${jobName}” now?`}
        description="OpenClaw starts the job at once, outside its schedule. Its run appears in the history below."
        confirmLabel="Run now"
        onConfirm={run}
      />
      <span role="status" className={state.kind === 'error' ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
        {state.kind === 'done' || state.kind === 'error' ? state.text : ''}
      </span>
    </div>
  );
}
