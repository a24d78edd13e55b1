'use client';
import { Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

export interface BudgetValue {
  id: string;
  maxTokens: number | null;
  maxCostUsd: number | null;
  action: 'abort' | 'warn';
  /** The gateway whose spending it limits; null: the whole fleet's. */
  gateway?: { id: string; name: string } | null;
}

/** Several gateways: an agent's or the day's budget is for one of them or for all (each its own budget). */
export interface BudgetFleet {
  gateways: { id: string; name: string }[];
  /** The budgets of this scope and target, the fleet's and each gateway's. */
  budgets: BudgetValue[];
  /** The gateway chosen at first (the page's); null: all. */
  initial: string | null;
}

const field = 'h-9 w-full rounded-md border bg-background px-2';

/**
 * Set or remove one budget (a job's, an agent's, or the day's): limits and what happens when one is passed. With
 * `fleet`, the owner first picks whose spending it limits: all gateways' together, or one gateway's.
 */
export function BudgetForm({
  scope,
  target,
  budget: single,
  what,
  fleet,
}: {
  scope: 'job' | 'agent' | 'day';
  target: string;
  budget: BudgetValue | null;
  what: string;
  fleet?: BudgetFleet;
}) {
  const [gatewayId, setGatewayId] = useState(fleet?.initial ?? '');
  const budget = fleet ? (fleet.budgets.find((b) => (b.gateway?.id ?? '') === gatewayId) ?? null) : single;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setState({ kind: 'done', text: await work() });
      router.refresh();
    } catch (err) {
      setState({ kind: 'error', text: err instanceof ApiError ? err.message : 'The budget could not be saved.' });
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const num = (k: string) => (String(form.get(k) ?? '').trim() ? Number(form.get(k)) : null);
    const body = {
      scope,
      target,
      ...(gatewayId ? { gateway: gatewayId } : {}),
      maxTokens: num('maxTokens'),
      maxCostUsd: num('maxCostUsd'),
      action: form.get('action') === 'warn' ? ('warn' as const) : ('abort' as const),
    };
    if (body.maxTokens === null && body.maxCostUsd === null)
      return setState({ kind: 'error', text: 'Give a token limit, a cost limit, or both.' });
    void act(async () => (await api('setBudget', { body }), 'Budget saved.'));
  };
  const id = `budget-${scope}-${target || 'day'}`;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 text-sm" aria-label={`Budget of ${what}`}>
      {fleet && (
        // not named "Gateway": that is the header's switcher, which chooses what the page shows
        <div className="flex flex-col gap-1 sm:max-w-xs">
          <label htmlFor={`${id}-gateway`}>Applies to</label>
          <select
            id={`${id}-gateway`}
            value={gatewayId}
            onChange={(e) => {
              setGatewayId(e.target.value);
              setState(null);
            }}
            className={field}
          >
            <option value="">All gateways together</option>
            {fleet.gateways.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} only
              </option>
            ))}
          </select>
        </div>
      )}
      {/* keyed by the gateway and its budget: their values fill the fields when another is picked, or when the
          one picked is set meanwhile (a save lands with the page's refresh) */}
      <div key={`${gatewayId}:${budget?.id ?? ''}`} className="grid gap-3 sm:grid-cols-3">
        <label className="flex flex-col gap-1" htmlFor={`${id}-tokens`}>
          Max tokens
          <input
            id={`${id}-tokens`}
            name="maxTokens"
            type="number"
            min={1}
            step={1}
            defaultValue={budget?.maxTokens ?? ''}
            className={field}
            placeholder="no limit"
          />
        </label>
        <label className="flex flex-col gap-1" htmlFor={`${id}-cost`}>
          Max cost (USD)
          <input
            id={`${id}-cost`}
            name="maxCostUsd"
            type="number"
            min={0.0001}
            step="any"
            defaultValue={budget?.maxCostUsd ?? ''}
            className={field}
            placeholder="no limit"
          />
        </label>
        <label className="flex flex-col gap-1" htmlFor={`${id}-action`}>
          When passed
          <select id={`${id}-action`} name="action" defaultValue={budget?.action ?? 'abort'} className={field}>
            <option value="abort">
              {scope === 'job'
                ? 'Stop the run and pause the job'
                : scope === 'day'
                  ? gatewayId
                    ? 'Stop the gateway’s running sessions'
                    : 'Stop every running session'
                  : 'Stop the session'}
            </option>
            <option value="warn">Only warn</option>
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="outline" disabled={busy}>
          {busy && <Loader2 className="animate-spin" aria-hidden />}
          Save budget
        </Button>
        {budget && (
          <Button
            type="button"
            variant="ghost"
            disabled={busy}
            onClick={() =>
              void act(async () => (await api('deleteBudget', { params: { id: budget.id } }), 'Budget removed.'))
            }
          >
            Remove
          </Button>
        )}
        <span role="status" className={state?.kind === 'error' ? 'text-danger' : 'text-muted-foreground'}>
          {state?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
