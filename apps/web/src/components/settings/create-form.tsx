'use client';
import type { LucideIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-client';

/** A settings list's "new …" form: emptied and the list refreshed on success, a failure said in the server's words. */
export function useCreateForm(failure: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  /** The form's submit handler, running `create` with what was entered. */
  const submitWith = (create: (form: FormData) => Promise<void>) => async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    try {
      await create(new FormData(formElement));
      setError(null);
      formElement.reset();
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : failure);
    }
  };
  return { error, setError, submitWith };
}

export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="px-4 text-sm text-danger">
      {error}
    </p>
  );
}

/** A settings list's "new …" form, fields stacked: `children`, the submit button (its icon and words), then what went wrong. */
export function CreateForm({
  label,
  onSubmit,
  submit: { icon: Icon, label: submitLabel },
  error,
  children,
}: {
  label: string;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  submit: { icon: LucideIcon; label: string };
  error: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 px-4 pt-4" aria-label={label}>
        {children}
        <div>
          <Button type="submit">
            <Icon aria-hidden /> {submitLabel}
          </Button>
        </div>
      </form>
      <FormError error={error} />
    </>
  );
}
