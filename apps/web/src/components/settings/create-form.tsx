'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
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
