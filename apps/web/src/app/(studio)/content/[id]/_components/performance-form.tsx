'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

const FIELDS = [
  ['views', 'Views'],
  ['engagement', 'Engagement'],
  ['clicks', 'Clicks'],
] as const;

/** A published item's figures entered by hand (the same endpoint analytics scripts use with a token). */
export function PerformanceForm({ id, metrics }: { id: string; metrics: Record<string, number> }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = Object.fromEntries(
      FIELDS.flatMap(([key]) => (form.get(key) === '' ? [] : [[key, Number(form.get(key))]])),
    );
    try {
      await api('setContentMetrics', { params: { id }, body });
      setMessage({ text: 'Saved.' });
      router.refresh();
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'That did not work.', bad: true });
    }
  };
  return (
    <form onSubmit={save} className="flex flex-col gap-2 text-sm" aria-label="Performance figures">
      <div className="grid grid-cols-3 gap-2">
        {FIELDS.map(([key, label]) => (
          <label key={key} className="flex flex-col gap-1 text-xs text-muted-foreground">
            {label}
            <input
              name={key}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              defaultValue={metrics[key] ?? ''}
              className="w-full rounded-md border bg-card px-2 py-1 text-sm text-foreground"
            />
          </label>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" variant="outline">
          Save figures
        </Button>
        <span role="status" className={message?.bad ? 'text-danger' : 'text-muted-foreground'}>
          {message?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
