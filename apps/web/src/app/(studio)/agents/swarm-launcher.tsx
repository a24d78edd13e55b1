'use client';
import * as Dialog from '@radix-ui/react-dialog';
import { Loader2, Rocket } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

/** The context must be a JSON object: said before anything is sent. */
function parseContext(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'Context must be a JSON object, like {"market": "EU"}.' };
    return { value: value as Record<string, unknown> };
  } catch (err) {
    return { error: `Context is not valid JSON: ${(err as Error).message}` };
  }
}

/** Launch a swarm: a task, the agents to spawn for it, optional context. */
export function SwarmLauncher() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const agents = String(form.get('agents') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const context = parseContext(String(form.get('context') ?? ''));
    if (context.error) return setError(context.error);
    if (!agents.length) return setError('Name at least one agent, e.g. researcher, writer.');
    setBusy(true);
    setError(null);
    try {
      const res = await api('spawnSwarm', { body: { task: String(form.get('task') ?? ''), agents, context: context.value } });
      setDone(`Swarm of ${agents.length} queued (command ${res.commandId.slice(0, 8)}): its sessions appear below as OpenClaw starts them.`);
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The swarm could not be launched.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Trigger asChild>
          <Button>
            <Rocket aria-hidden /> Launch swarm
          </Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg border bg-card p-5 shadow-lg">
            <Dialog.Title className="text-base font-semibold">Launch a swarm</Dialog.Title>
            <Dialog.Description className="mt-1 text-sm text-muted-foreground">OpenClaw starts a session for the task, which spawns one sub-agent per agent you name.</Dialog.Description>
            <form onSubmit={submit} className="mt-4 flex flex-col gap-3 text-sm">
              <label className="flex flex-col gap-1">
                Task
                <textarea name="task" required maxLength={10_000} rows={3} className="rounded-md border bg-background p-2" placeholder="Compare the onboarding of three competitors" />
              </label>
              <label className="flex flex-col gap-1">
                Agents (comma-separated)
                <input name="agents" required className="h-9 rounded-md border bg-background px-2" placeholder="researcher, writer" />
              </label>
              <label className="flex flex-col gap-1">
                Context (JSON, optional)
                <textarea name="context" rows={3} className="rounded-md border bg-background p-2 font-mono text-xs" placeholder='{"market": "EU"}' />
              </label>
              {error && (
                <p role="alert" className="text-danger">
                  {error}
                </p>
              )}
              <div className="flex justify-end gap-2">
                <Dialog.Close asChild>
                  <Button type="button" variant="outline">
                    Cancel
                  </Button>
                </Dialog.Close>
                <Button type="submit" disabled={busy}>
                  {busy && <Loader2 className="animate-spin" aria-hidden />}
                  Launch
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      {done && (
        <span role="status" className="text-sm text-muted-foreground">
          {done}
        </span>
      )}
    </div>
  );
}
