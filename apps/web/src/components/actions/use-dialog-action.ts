'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError } from '@/lib/api-client';

/** A dialog form's submission: open, busy, what went wrong (in the server's words), and what was done. */
export function useDialogAction(failure: string) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** Runs `work` (resolving to the words shown on success), closes the dialog and refreshes the page. */
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setDone(await work());
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : failure);
    } finally {
      setBusy(false);
    }
  };
  const onOpenChange = (o: boolean) => {
    setOpen(o);
    setError(null);
  };
  return { open, onOpenChange, busy, error, setError, done, run };
}
