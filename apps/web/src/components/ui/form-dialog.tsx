'use client';
import * as Dialog from '@radix-ui/react-dialog';
import { Loader2, type LucideIcon } from 'lucide-react';
import type { ComponentProps, FormEvent, ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Button } from './button';

/** Where the dialog's submission stands (useDialogAction keeps it). */
export interface FormDialogState {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Why the form was not accepted, in words (announced). */
  error: string | null;
  busy: boolean;
  /** What the last submission did, shown beside the trigger once the dialog closed. */
  done?: string | null;
}

export interface FormDialogProps extends FormDialogState {
  /** The button that opens the dialog: its icon and words. */
  trigger: { icon: LucideIcon; label: string; variant?: ComponentProps<typeof Button>['variant'] };
  title: ReactNode;
  description: ReactNode;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  submitLabel: string;
  /** Submitting is not possible yet (the form says why). */
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}

/** A dialog holding one form: its fields, what was wrong, Cancel and the submit button; then what it did. */
export function FormDialog({
  open,
  onOpenChange,
  trigger: { icon: TriggerIcon, label, variant },
  title,
  description,
  onSubmit,
  error,
  busy,
  submitLabel,
  disabled,
  done,
  className,
  children,
}: FormDialogProps) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Dialog.Root open={open} onOpenChange={onOpenChange}>
        <Dialog.Trigger asChild>
          <Button variant={variant}>
            <TriggerIcon aria-hidden /> {label}
          </Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <Dialog.Content
            className={cn(
              'fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border bg-card p-5 shadow-lg',
              className,
            )}
          >
            <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
            <Dialog.Description className="mt-1 text-sm text-muted-foreground">{description}</Dialog.Description>
            <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-3 text-sm">
              {children}
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
                <Button type="submit" disabled={busy || disabled}>
                  {busy && <Loader2 className="animate-spin" aria-hidden />}
                  {submitLabel}
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
