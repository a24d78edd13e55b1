'use client';
import { OctagonX } from 'lucide-react';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api, ApiError } from '@/lib/api-client';

/** Emergency stop: cancels every running session, and says how each one went (kept on screen afterwards). */
export function StopAllButton({ sessions }: { sessions: { id: string; name: string }[] }) {
  return (
    <ConfirmAction
      danger
      disabled={sessions.length === 0}
      label="Stop everything"
      icon={<OctagonX aria-hidden />}
      title={`Stop all ${sessions.length} running sessions?`}
      description={`OpenClaw aborts: ${sessions.map((s) => s.name).join(', ')}.`}
      action={async () => {
        const outcomes = await Promise.all(
          sessions.map((s) =>
            api('cancelAgentSession', { params: { id: s.id } }).then(
              (res) => `${s.name}: ${res.status === 'succeeded' ? 'stopped' : 'stop queued for the bridge'}`,
              (err) => `${s.name}: ${err instanceof ApiError ? err.message : 'failed'}`,
            ),
          ),
        );
        return outcomes.join(' · ');
      }}
    />
  );
}
