'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormDialogState } from '@/components/ui/form-dialog';
import { ApiError } from '@/lib/api-client';

/**
 * A dialog form's submission: open, busy, what went wrong (in the server's words), and what was done; `dialog`
 * is that state as FormDialog takes it. `onOpen` runs each time the dialog opens (to start the form afresh).
 */
export function useDialogAction(failure: string, { onOpen }: { onOpen?: () => void } = {}) {
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
    if (o) onOpen?.();
    setOpen(o);
    setError(null);
  };
  const dialog: FormDialogState = { open, onOpenChange, busy, error, done };
  return { dialog, setError, run };
}
