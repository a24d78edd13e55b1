'use client';
import { Check, CheckCheck, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

type Decision = 'allow-once' | 'allow-always' | 'deny';

const LABELS: Record<Decision, string> = { 'allow-once': 'Approve', 'allow-always': 'Always allow', deny: 'Deny' };

/** Approve / Always allow (where OpenClaw offers it) / Deny: answered through the gateway by the bridge. */
export function ApprovalActions({ id, allowed, what }: { id: string; allowed: Decision[]; what: string }) {
  const [busy, setBusy] = useState<Decision | null>(null);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const answer = async (decision: Decision) => {
    setBusy(decision);
    setMessage(null);
    try {
      const res = await api('answerApproval', { params: { id }, body: { decision } });
      setMessage({
        text: res.status === 'succeeded' ? (decision === 'deny' ? 'Denied.' : 'Approved.') : 'Sent to the bridge…',
        bad: false,
      });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'The answer could not be sent.', bad: true });
    } finally {
      setBusy(null);
    }
  };
  const order: Decision[] = ['allow-once', 'allow-always', 'deny'];
  return (
    <div className="flex flex-wrap items-center gap-2">
      {order
        .filter((d) => allowed.includes(d))
        .map((d) => (
          <Button
            key={d}
            size="sm"
            variant={d === 'deny' ? 'danger' : d === 'allow-once' ? 'default' : 'outline'}
            disabled={busy !== null}
            aria-label={`${LABELS[d]}: ${what}`}
            onClick={() => void answer(d)}
          >
            {d === 'deny' ? <X aria-hidden /> : d === 'allow-once' ? <Check aria-hidden /> : <CheckCheck aria-hidden />}
            {busy === d ? `${LABELS[d]}…` : LABELS[d]}
          </Button>
        ))}
      {message && (
        <span role={message.bad ? 'alert' : 'status'} className={message.bad ? 'text-sm text-danger' : 'text-sm'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
