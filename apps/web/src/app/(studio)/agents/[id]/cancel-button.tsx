'use client';
import { Square } from 'lucide-react';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api } from '@/lib/api-client';

/** Stays mounted after the session stops (`running` false), so the outcome of a cancel stays on screen. */
export function CancelButton({ sessionId, name, running }: { sessionId: string; name: string; running: boolean }) {
  return (
    <ConfirmAction
      danger
      available={running}
      label="Cancel session"
      icon={<Square aria-hidden />}
      title={`Cancel “${name}”?`}
      description="OpenClaw aborts the session's current run. Work it already saved stays."
      action={async () => {
        const res = await api('cancelAgentSession', { params: { id: sessionId } });
        return res.status === 'succeeded' ? 'Cancelled.' : 'Cancel queued for the bridge.';
      }}
    />
  );
}
