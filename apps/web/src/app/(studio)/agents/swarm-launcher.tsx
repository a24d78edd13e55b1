'use client';
import { Rocket } from 'lucide-react';
import type { FormEvent } from 'react';
import { useDialogAction } from '@/components/actions/use-dialog-action';
import { useOpenFromUrl } from '@/components/actions/use-open-from-url';
import { FormDialog } from '@/components/ui/form-dialog';
import { api } from '@/lib/api-client';

/** The context must be a JSON object: said before anything is sent. */
function parseContext(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { error: 'Context must be a JSON object, like {"market": "EU"}.' };
    return { value: value as Record<string, unknown> };
  } catch (err) {
    return { error: `Context is not valid JSON: ${(err as Error).message}` };
  }
}

/** Launch a swarm: a task, the agents to spawn for it, optional context. */
export function SwarmLauncher() {
  const { dialog, setError, run } = useDialogAction('The swarm could not be launched.');
  useOpenFromUrl('swarm', dialog.onOpenChange);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const agents = String(form.get('agents') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const context = parseContext(String(form.get('context') ?? ''));
    if (context.error) return setError(context.error);
    if (!agents.length) return setError('Name at least one agent, e.g. researcher, writer.');
    await run(async () => {
      const res = await api('spawnSwarm', {
        body: { task: String(form.get('task') ?? ''), agents, context: context.value },
      });
      return `Swarm of ${agents.length} queued (command ${res.commandId.slice(0, 8)}): its sessions appear below as OpenClaw starts them.`;
    });
  };
  return (
    <FormDialog
      {...dialog}
      trigger={{ icon: Rocket, label: 'Launch swarm' }}
      title="Launch a swarm"
      description="OpenClaw starts a session for the task, which spawns one sub-agent per agent you name."
      onSubmit={submit}
      submitLabel="Launch"
    >
      <label className="flex flex-col gap-1">
        Task
        <textarea
          name="task"
          required
          maxLength={10_000}
          rows={3}
          className="rounded-md border bg-background p-2"
          placeholder="Compare the onboarding of three competitors"
        />
      </label>
      <label className="flex flex-col gap-1">
        Agents (comma-separated)
        <input
          name="agents"
          required
          className="h-9 rounded-md border bg-background px-2"
          placeholder="researcher, writer"
        />
      </label>
      <label className="flex flex-col gap-1">
        Context (JSON, optional)
        <textarea
          name="context"
          rows={3}
          className="rounded-md border bg-background p-2 font-mono text-xs"
          placeholder='{"market": "EU"}'
        />
      </label>
    </FormDialog>
  );
}
